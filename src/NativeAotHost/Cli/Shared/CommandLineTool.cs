using System.Text;

namespace Kws.Cli;

/// <summary>
/// The command-line convention both kws and kwsc follow (docs/cli.md), in one place: picks the command, answers
/// <c>--help</c>/<c>-h</c> (stdout, exit 0) and <c>--version</c>, and is the only place an error becomes output: one
/// line <c>&lt;tool&gt;: error: ...</c> on stderr with exit code 2 (usage), 1 (bad input) or 70 (a bug), never a stack trace.
/// </summary>
/// <param name="name">The tool's command name, e.g. <c>kwsc</c>.</param>
/// <param name="version">The product version (<c>ProductVersion.Text</c>), printed by <c>--version</c> and atop the help.</param>
/// <param name="description">What the tool does, one line for the top of its help.</param>
/// <param name="commands">Its sub-commands, in the order help lists them.</param>
public sealed class CommandLineTool(string name, string version, string description, IReadOnlyList<ICommand> commands)
{
    /// <summary>The command run when the first argument is not a command's name (kws: classify the files given), or null.</summary>
    public ICommand? DefaultCommand { get; init; }

    /// <summary>The usage line(s) at the top of the help; by default <c>&lt;tool&gt; &lt;command&gt; [arguments]</c>.</summary>
    public string? Usage { get; init; }

    /// <summary>Lines printed after the command list in the help, or null.</summary>
    public string? Notes { get; init; }

    /// <summary>More that <c>--version</c> prints after the line <c>&lt;tool&gt; &lt;version&gt;</c> (kws: the model baked in), or null.</summary>
    public Func<string>? VersionDetails { get; init; }

    /// <summary>The tool's own exceptions that mean unusable input (exit 1), besides <see cref="InputException"/> and I/O errors.</summary>
    public Func<Exception, bool> IsBadInput { get; init; } = _ => false;

    /// <summary>Runs the command line; returns the process exit code (<see cref="ExitCodes"/>).</summary>
    public int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ICommand? command = null;
        try
        {
            if (args.Count == 1 && args[0] is "--help" or "-h" or "help")
            {
                output.Write(Help());
                return ExitCodes.Success;
            }
            if (args.Count == 1 && args[0] == "--version")
            {
                output.WriteLine($"{name} {version}");
                if (VersionDetails is not null)
                {
                    output.WriteLine(VersionDetails());
                }
                return ExitCodes.Success;
            }
            if (args.Count > 0 && args[0] == "help")
            {
                // help <command>: the same as <command> --help.
                command = Find(args[1]) ?? throw new UsageException(UnknownCommand(args[1]));
                output.Write(command.Usage);
                return ExitCodes.Success;
            }
            command = args.Count > 0 ? Find(args[0]) : null;
            IReadOnlyList<string> rest = command is null ? args : new ArraySegment<string>([.. args], 1, args.Count - 1);
            command ??= DefaultCommand ?? throw new UsageException(args.Count == 0
                ? $"no command given (commands: {CommandNames()})"
                : args[0].StartsWith('-') ? $"unknown option {args[0]}" : UnknownCommand(args[0]));
            if (AsksForHelp(rest))
            {
                output.Write(command.Usage);
                return ExitCodes.Success;
            }
            return command.Run(rest, output);
        }
        catch (UsageException e)
        {
            string help = command is null ? name : $"{name} {command.Name}";
            return Fail(error, $"{e.Message} (see {help} --help)", ExitCodes.Usage);
        }
        catch (Exception e) when (e is InputException or IOException or UnauthorizedAccessException || IsBadInput(e))
        {
            return Fail(error, e.Message, ExitCodes.BadInput);
        }
        catch (Exception e)
        {
            // A bug, not bad input: still one line and no stack trace, but say so.
            return Fail(error, $"internal error ({e.GetType().Name}: {e.Message}); please report it with the command line and the files that caused it", ExitCodes.InternalError);
        }
    }

    /// <summary>The tool's help: description, usage, commands, options, exit codes.</summary>
    public string Help()
    {
        var text = new StringBuilder();
        text.Append(name).Append(' ').Append(version).Append(": ").AppendLine(description).AppendLine();
        text.AppendLine("usage:");
        foreach (string line in (Usage ?? $"{name} <command> [arguments]").Split('\n'))
        {
            text.Append("  ").AppendLine(line.TrimEnd());
        }
        text.AppendLine().AppendLine("commands:");
        int width = commands.Max(c => c.Name.Length) + 3;
        foreach (ICommand command in commands)
        {
            text.Append("  ").Append(command.Name.PadRight(width)).AppendLine(command.Summary);
        }
        text.AppendLine().AppendLine("options:");
        text.Append("  ").Append("-h, --help".PadRight(width + 6)).Append("this help; ").Append(name).AppendLine(" <command> --help for one command");
        text.Append("  ").Append("--version".PadRight(width + 6)).AppendLine("the version");
        if (Notes is not null)
        {
            text.AppendLine().Append(Notes.TrimEnd()).AppendLine();
        }
        text.AppendLine().AppendLine("exit codes: 0 success, 1 unusable input, 2 wrong command line, 70 internal error (a bug)");
        return text.ToString();
    }

    private ICommand? Find(string word) => commands.FirstOrDefault(c => c.Name == word);

    private string CommandNames() => string.Join(", ", commands.Select(c => c.Name));

    private string UnknownCommand(string word) => $"unknown command \"{word}\" (commands: {CommandNames()})";

    /// <summary>--help or -h before any <c>--</c>: the command's usage instead of running it.</summary>
    private static bool AsksForHelp(IReadOnlyList<string> args)
    {
        foreach (string arg in args)
        {
            if (arg == "--")
            {
                return false;
            }
            if (arg is "--help" or "-h")
            {
                return true;
            }
        }
        return false;
    }

    private int Fail(TextWriter error, string message, int exitCode)
    {
        // One line, whatever the message holds.
        error.WriteLine($"{name}: error: {message.ReplaceLineEndings(" ").Trim()}");
        return exitCode;
    }
}
