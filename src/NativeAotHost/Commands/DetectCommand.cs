using Kws.Host.Cli;

namespace Kws.Host.Commands;

/// <summary><c>kws detect &lt;long.wav&gt;</c>: keywords found in a long recording, with their times.</summary>
internal static class DetectCommand
{
    public const string Help = """
        Usage: kws detect <long.wav> [--json] [--manifest <m.kws.json>]

        Slides the model over a long recording and prints each keyword found with its start and end time in seconds
        and its probability.

        Options:
          --json                    print one JSON object {"file", "detections": [{"label", "start", "end", "probability"}]}
          --manifest <m.kws.json>   use this manifest with the interpreter instead of the baked-in model
          -h, --help                show this help

        """;

    public static int Run(IReadOnlyList<string> args)
    {
        var commandLine = CommandLine.Parse("detect", args, ["--json"], ["--manifest"]);
        if (commandLine.PrintHelpIfAsked(Help))
        {
            return ExitCodes.Success;
        }
        commandLine.ExpectPositionals(1, "the WAV file to scan");
        throw new NotSupportedException("detect is not wired in yet");
    }
}
