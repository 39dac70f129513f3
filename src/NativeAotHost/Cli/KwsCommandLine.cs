using Kws.Host.Commands;
using Kws.Host.Engines;
using Kws.Runtime.Manifest;

namespace Kws.Host.Cli;

/// <summary>kws's commands under the shared convention (<see cref="CommandLineTool"/>, docs/cli.md).</summary>
internal static class KwsCommandLine
{
    private static readonly ClassifyCommand Classify = new();

    public static CommandLineTool Tool { get; } = new("kws", ProductVersion.Text,
        "keyword spotting with the model baked into this binary (docs/kws.md)",
        [Classify, new InfoCommand(), new EvalCommand(), new DetectCommand(), new ListenCommand(), new BenchCommand()])
    {
        DefaultCommand = Classify,
        Usage = """
            kws <file.wav>... [--top K] [--json] [--manifest <m.kws.json>]   (the same as kws classify ...)
            kws <command> [arguments]
            """,
        Notes = "A WAV file named like a command is classified when given as a path: kws ./info",
        VersionDetails = ModelLine,
    };

    public static int Run(string[] args) => Tool.Run(args, Console.Out, Console.Error);

    /// <summary>The second line of <c>kws --version</c>: the baked-in model's name and content hash, from the embedded manifest.</summary>
    private static string ModelLine()
    {
        ModelManifest manifest = BakedInModel.ReadManifest();
        return $"model {manifest.Name} {manifest.ContentHash}";
    }
}
