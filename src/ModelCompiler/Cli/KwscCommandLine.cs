using Kws.Compiler.Checkpoints;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Cli;

/// <summary>kwsc's commands under the shared convention (<see cref="CommandLineTool"/>, docs/cli.md).</summary>
public static class KwscCommandLine
{
    /// <summary>The product version (Directory.Build.props), as kwsc writes it into manifests: "kwsc " + Version.</summary>
    public static string Version => ProductVersion.Text;

    /// <summary>Runs kwsc with <paramref name="args"/>; results go to <paramref name="output"/>, the one-line error to <paramref name="error"/>.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error) => Tool.Run(args, output, error);

    private static CommandLineTool Tool { get; } = new("kwsc", Version,
        "reads PyTorch checkpoints of the M5 keyword-spotting CNN and writes weight manifests",
        [new InspectCommand(), new DiffCommand(), new ExportCommand(), new AnalyzeCommand(), new QuantizeCommand()])
    {
        IsBadInput = e => e is CheckpointException or ManifestException or ManifestValidationException or Analysis.AnalysisException
            or Quantization.CalibrationException,
    };
}
