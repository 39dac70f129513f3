using Kws.Compiler.Checkpoints;
using Kws.Compiler.Export;

namespace Kws.Compiler.Cli;

/// <summary>
/// <c>kwsc inspect &lt;ckpt.pth&gt; [--json]</c>: every key with dtype and shape, plus quantization parameters, then the
/// model recognised in it (<see cref="ModelListing"/>), and for a quantized checkpoint the PyTorch engine it looks made for.
/// </summary>
public sealed class InspectCommand : ICommand
{
    public string Name => "inspect";

    public string Summary => "list a checkpoint's keys, dtypes, shapes and quantization parameters";

    public string Usage => """
        usage: kwsc inspect <ckpt.pth> [--json]

        Lists every state_dict key with its dtype and size, as PyTorch prints them, and for quantized tensors the
        scheme, scale(s), zero point(s) and axis; one-element tensors also show their value. Then the M5 kwsc
        recognises in it: layout (conv1/bn1 or modular block1.block.0), which stages are int8 and which float,
        fused or not; or why it is not one kwsc can compile. A checkpoint with int8 weights ends with the PyTorch
        engine it looks made for (what kwsc export assumes without --engine).
          --json    print the same as one JSON object
        """;

    public int Run(IReadOnlyList<string> args, TextWriter output)
    {
        ParsedArguments parsed = ParsedArguments.Parse(Name, args, [], ["--json"]);
        string path = parsed.ExpectPositionals(1, "one checkpoint file")[0];
        Checkpoint checkpoint = CheckpointReader.Read(path);
        if (parsed.Flag("--json"))
        {
            using var buffer = new MemoryStream();
            CheckpointListing.WriteJson(checkpoint, buffer);
            output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        }
        else
        {
            CheckpointListing.WriteText(checkpoint, output);
            ModelListing.WriteText(checkpoint, output);
            if (EngineGuess.Of(checkpoint) is EngineGuess engine)
            {
                output.WriteLine($"engine: {engine.Describe()}");
            }
        }
        return 0;
    }
}
