namespace Kws.Host.Cli;

/// <summary>
/// One command's arguments, parsed by hand (no reflection, so Native AOT needs no metadata): positionals, flags such
/// as <c>--json</c>, and options with a value given as <c>--top 3</c> or <c>--top=3</c>. <c>-</c> is a positional
/// (standard input); <c>--</c> ends the options. Anything else starting with <c>-</c> is a usage error.
/// </summary>
internal sealed class CommandLine
{
    private readonly string _command;
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly List<string> _positionals = [];

    private CommandLine(string command) => _command = command;

    public IReadOnlyList<string> Positionals => _positionals;

    /// <summary>When <c>--help</c> or <c>-h</c> was given, prints <paramref name="help"/> and returns true: the command does nothing else.</summary>
    public bool PrintHelpIfAsked(string help)
    {
        if (!_flags.Contains("--help"))
        {
            return false;
        }
        Console.Out.Write(help);
        return true;
    }

    public static CommandLine Parse(string command, IReadOnlyList<string> args, string[] flags, string[] valueOptions)
    {
        var result = new CommandLine(command);
        bool optionsEnded = false;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (optionsEnded || arg == "-" || !arg.StartsWith('-'))
            {
                result._positionals.Add(arg);
                continue;
            }
            if (arg == "--")
            {
                optionsEnded = true;
                continue;
            }
            if (arg is "-h" or "--help")
            {
                result._flags.Add("--help");
                continue;
            }
            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? arg : arg[..equals];
            if (Array.IndexOf(valueOptions, name) >= 0)
            {
                string value;
                if (equals >= 0)
                {
                    value = arg[(equals + 1)..];
                }
                else if (i + 1 < args.Count)
                {
                    value = args[++i];
                }
                else
                {
                    throw new UsageException($"{name} needs a value (see {Describe(command)} --help)");
                }
                result._values[name] = value;
            }
            else if (Array.IndexOf(flags, arg) >= 0)
            {
                result._flags.Add(arg);
            }
            else
            {
                throw new UsageException($"unknown option '{arg}' for {Describe(command)} (see {Describe(command)} --help)");
            }
        }
        return result;
    }

    public bool Has(string flag) => _flags.Contains(flag);

    public string? Value(string option) => _values.GetValueOrDefault(option);

    /// <summary>An integer option in [<paramref name="min"/>, <paramref name="max"/>], or <paramref name="fallback"/> when absent.</summary>
    public int IntValue(string option, int fallback, int min, int max)
    {
        string? text = Value(option);
        if (text is null)
        {
            return fallback;
        }
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int value)
            || value < min || value > max)
        {
            string range = max == int.MaxValue ? $"at least {min}" : $"from {min} to {max}";
            throw new UsageException($"{option} must be a whole number {range}, got '{text}'");
        }
        return value;
    }

    /// <summary>Exactly <paramref name="count"/> positionals, named in the error when the count is wrong.</summary>
    public void ExpectPositionals(int count, string what)
    {
        if (_positionals.Count != count)
        {
            string problem = _positionals.Count < count ? $"missing {what}" : $"unexpected argument '{_positionals[count]}'";
            throw new UsageException($"{problem} (see {Describe(_command)} --help)");
        }
    }

    private static string Describe(string command) => command.Length == 0 ? "kws" : "kws " + command;
}
