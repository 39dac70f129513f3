using Kws.Host.Commands;

namespace Kws.Host.Cli;

/// <summary>
/// Dispatches to a command and is the one place errors become output: a usage or input problem is one line
/// <c>kws: error: ...</c> on stderr with exit code 2 or 1; anything unexpected is one line too (exit 70), never a
/// stack trace.
/// </summary>
internal static class KwsCommandLine
{
    public const string Help = """
        kws: keyword spotting with the model baked into this binary (docs/kws.md)

        Usage:
          kws <file.wav>... [--top K] [--json] [--manifest <m.kws.json>]   classify WAV files ('-' = standard input)
          kws info [--json]                                                the baked-in model and the SIMD path in use
          kws eval <dir> [--json]                                          accuracy over <dir>/<label>/*.wav
          kws detect <long.wav> [--json]                                   keywords in a long recording, with times
          kws listen [-] [--raw --rate <Hz>] [--json]                      keywords in a live stream, as they are heard
          kws bench [--manifest <m.kws.json>] [--runs N] [--json]          generated vs interpreted inference time
          kws <command> --help                                             help for one command

        A WAV file named like a command is classified when given as a path: kws ./info

        """;

    public static int Run(string[] args)
    {
        try
        {
            return Dispatch(args);
        }
        catch (UsageException e)
        {
            return Fail(e.Message, ExitCodes.Usage);
        }
        catch (InputException e)
        {
            return Fail(e.Message, ExitCodes.BadInput);
        }
        catch (Exception e)
        {
            return Fail($"internal error ({e.GetType().Name}): {e.Message}", ExitCodes.InternalError);
        }
    }

    private static int Dispatch(string[] args)
    {
        if (args.Length == 0)
        {
            throw new UsageException("no WAV file or command given (see kws --help)");
        }
        var rest = new ArraySegment<string>(args, 1, args.Length - 1);
        switch (args[0])
        {
            case "-h" or "--help" or "help" when args.Length == 1:
                Console.Out.Write(Help);
                return ExitCodes.Success;
            case "help":
                return Dispatch([rest[0], "--help"]);
            case "info":
                return InfoCommand.Run(rest);
            case "eval":
                return EvalCommand.Run(rest);
            case "detect":
                return DetectCommand.Run(rest);
            case "listen":
                return ListenCommand.Run(rest);
            case "bench":
                return BenchCommand.Run(rest);
            default:
                return ClassifyCommand.Run(args);
        }
    }

    private static int Fail(string message, int exitCode)
    {
        // One line, whatever the message holds.
        string line = message.ReplaceLineEndings(" ").Trim();
        Console.Error.WriteLine($"kws: error: {line}");
        return exitCode;
    }
}
