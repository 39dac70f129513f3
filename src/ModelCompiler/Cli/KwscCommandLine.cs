using System.Reflection;
using Kws.Compiler.Checkpoints;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Cli;

/// <summary>
/// The kwsc entry point: picks the sub-command, and turns every error into one line on stderr
/// (<c>kwsc: error: ...</c>) with exit code 1, or 2 for a usage error. Never prints a stack trace.
/// </summary>
public static class KwscCommandLine
{
    private static readonly ICommand[] Commands = [new InspectCommand(), new DiffCommand(), new ExportCommand(), new AnalyzeCommand(), new QuantizeCommand()];

    /// <summary>"0.1.0": the assembly version without a build suffix, so manifests do not change with every commit.</summary>
    public static string Version { get; } = FormatVersion(typeof(KwscCommandLine).Assembly.GetName().Version);

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        try
        {
            if (args.Count == 0)
            {
                error.Write(Help());
                return 2;
            }
            if (args[0] is "--help" or "-h" or "help")
            {
                output.Write(Help());
                return 0;
            }
            if (args[0] == "--version")
            {
                output.WriteLine($"kwsc {Version}");
                return 0;
            }
            ICommand command = Commands.FirstOrDefault(c => c.Name == args[0])
                ?? throw new UsageException($"unknown command \"{args[0]}\" (commands: {string.Join(", ", Commands.Select(c => c.Name))})");
            return command.Run(args.Skip(1).ToArray(), output);
        }
        catch (UsageException e)
        {
            return Fail(error, e.Message + " (see kwsc --help)", 2);
        }
        catch (Exception e) when (e is CheckpointException or ManifestException or ManifestValidationException or Analysis.AnalysisException
            or Quantization.CalibrationException)
        {
            return Fail(error, e.Message, 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(error, e.Message, 1);
        }
        catch (Exception e)
        {
            // A bug, not bad input: still one line and no stack trace, but say so.
            return Fail(error, $"internal error ({e.GetType().Name}: {e.Message}); please report it with the file that caused it", 1);
        }
    }

    private static int Fail(TextWriter error, string message, int code)
    {
        error.WriteLine("kwsc: error: " + message.ReplaceLineEndings(" "));
        return code;
    }

    private static string Help()
    {
        var text = new System.Text.StringBuilder();
        text.Append("kwsc ").Append(Version).AppendLine(": reads PyTorch checkpoints of the M5 keyword-spotting CNN and writes weight manifests");
        text.AppendLine().AppendLine("usage: kwsc <command> [arguments]   (kwsc <command> --help for details)").AppendLine();
        foreach (ICommand command in Commands)
        {
            text.Append("  ").Append(command.Name.PadRight(10)).AppendLine(command.Summary);
        }
        return text.ToString();
    }

    private static string FormatVersion(Version? version) =>
        version is null ? "0.0.0" : $"{version.Major}.{version.Minor}.{Math.Max(version.Build, 0)}";
}
