using Kws.Host.Cli;

namespace Kws.Host.Commands;

/// <summary><c>kws eval &lt;dir&gt;</c>: accuracy, per-class accuracy, confusion matrix and latency over a labelled folder.</summary>
internal static class EvalCommand
{
    public const string Help = """
        Usage: kws eval <dir> [--json] [--manifest <m.kws.json>]

        Classifies every WAV file under <dir>/<label>/ (one sub-folder per label, named as the model's labels) and
        prints the seed's table (model size, accuracy, inference time) plus per-class accuracy and the confusion
        matrix. A progress bar goes to stderr when stderr is a terminal.

        Options:
          --json                    print one JSON object instead of tables
          --manifest <m.kws.json>   evaluate this manifest with the interpreter instead of the baked-in model
          -h, --help                show this help

        """;

    public static int Run(IReadOnlyList<string> args)
    {
        var commandLine = CommandLine.Parse("eval", args, ["--json"], ["--manifest"]);
        if (commandLine.PrintHelpIfAsked(Help))
        {
            return ExitCodes.Success;
        }
        commandLine.ExpectPositionals(1, "the folder to evaluate");
        throw new NotSupportedException("eval is not wired in yet");
    }
}
