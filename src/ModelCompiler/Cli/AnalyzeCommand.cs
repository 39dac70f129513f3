using Kws.Compiler.Analysis;
using Kws.Compiler.Analysis.Reports;
using Kws.Compiler.Configuration;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Cli;

/// <summary>
/// <c>kwsc analyze --fp32 &lt;fp32.pth&gt; --quantized &lt;ptq.pth&gt; [&lt;qat.pth&gt; ...] --config &lt;cfg.yaml&gt;
/// --samples &lt;dir&gt; [-o &lt;report dir&gt;] [--json]</c>: the FP32 model against each quantized model, on the Runtime's
/// interpreter (issue #8).
/// </summary>
public sealed class AnalyzeCommand : ICommand
{
    private readonly Func<ModelManifest, Func<string, float[]>> inputLoader;

    /// <param name="inputLoader">For a model, what turns a WAV path into its input samples (default: the Runtime's audio front end); replaceable in tests.</param>
    public AnalyzeCommand(Func<ModelManifest, Func<string, float[]>>? inputLoader = null) =>
        this.inputLoader = inputLoader ?? (model => new ModelInputLoader(model).Load);

    public string Name => "analyze";

    public string Summary => "compare FP32 and quantized models layer by layer, per block, and write an HTML report";

    public string Usage => """
        usage: kwsc analyze --fp32 <fp32.pth> --quantized <ptq.pth> [<qat.pth> ...] --config <cfg.yaml>
                            [--labels <file>] --samples <dir> [-o <report dir>] [--json]

        Runs every clip through the FP32 model and each quantized model on the interpreter and prints, per layer, how
        far each quantized model's dequantized output is from the FP32 model's (MSE, MAE, cosine similarity, SQNR in
        dB, error standard deviation); then the accuracy with one block at a time quantized (sensitivity), and the
        accuracy of every model. Clips in <dir>/<label>/*.wav are labelled by their folder; <dir>/*.wav are not.
          --fp32 <file>         the FP32 checkpoint
          --quantized <file>... one or more int8 checkpoints (PTQ, QAT) of the same model
          --config <file>       the seed-style YAML config the checkpoints share
          --labels <file>       class names, one per line (default: the 35 Speech Commands v2 words, sorted)
          --samples <dir>       the clips
          -o <dir>              also write <dir>/report.html (self-contained), <dir>/analysis.json, <dir>/images/*.png
          --json                print the result as JSON instead of tables
        """;

    public int Run(IReadOnlyList<string> args, TextWriter output)
    {
        ParsedArguments parsed = ParsedArguments.Parse(Name, args,
            ["--fp32", "--quantized", "--config", "--labels", "--samples", "-o", "--output"], ["--json"]);
        string fp32Path = parsed.RequiredOption("--fp32");
        // "--quantized a.pth b.pth": the first file is the option's value, the rest arrive as positionals.
        List<string> quantizedPaths = [parsed.RequiredOption("--quantized"), .. parsed.Positionals];
        // One config serves checkpoints of several kinds here, so the model_type it may carry (which names one kind)
        // is not held against each of them.
        M5Config config = M5ConfigReader.Read(parsed.RequiredOption("--config")) with { ModelType = null, QuantizedBlocks = null };
        IReadOnlyList<string>? labels = parsed.Option("--labels") is string labelsPath ? LabelsFile.Read(labelsPath) : null;
        string samples = parsed.RequiredOption("--samples");
        string? reportDirectory = parsed.Option("--output") ?? parsed.Option("-o");

        AnalysisModel fp32 = AnalysisModel.FromCheckpoint(fp32Path, config, labels, "FP32");
        if (fp32.Manifest.Precision != ModelPrecision.Float32)
        {
            throw new AnalysisException($"--fp32 {fp32Path} is an int8 checkpoint; give the FP32 one");
        }
        List<AnalysisModel> quantized = quantizedPaths.Select(p => AnalysisModel.FromCheckpoint(p, config, labels)).ToList();
        AnalysisModel? notInt8 = quantized.FirstOrDefault(q => q.Manifest.Precision != ModelPrecision.Int8);
        if (notInt8 is not null)
        {
            throw new AnalysisException($"--quantized {notInt8.Checkpoint} is not an int8 checkpoint");
        }
        quantized = DistinctNames(quantized);

        using ProgressBar progress = ProgressBar.ForConsole();
        List<AnalysisClip> clips = ClipFolder.Read(samples, inputLoader(fp32.Manifest), progress);

        AnalysisResult result = ModelAnalyzer.Run(fp32, quantized, clips, samples, progress);
        string? reportPath = reportDirectory is null ? null : ReportDirectoryWriter.Write(result, reportDirectory, progress);
        progress.Dispose();
        if (parsed.Flag("--json"))
        {
            output.WriteLine(AnalysisJsonWriter.ToJson(result));
        }
        else
        {
            AnalysisTableWriter.Write(result, output);
            if (reportPath is not null)
            {
                output.WriteLine();
                output.WriteLine($"wrote {reportPath}");
            }
        }
        return 0;
    }

    /// <summary>Models are shown by kind (PTQ, QAT); two of one kind are told apart by file name.</summary>
    private static List<AnalysisModel> DistinctNames(List<AnalysisModel> models) => models
        .Select(m => models.Count(o => o.Name == m.Name) > 1 ? m with { Name = Path.GetFileNameWithoutExtension(m.Checkpoint) } : m)
        .ToList();
}
