using System.Globalization;

namespace Kws.Cli;

/// <summary>
/// A command's arguments, parsed by hand (no reflection, so Native AOT needs no metadata): positionals, flags such as
/// <c>--json</c>, and options with a value given as <c>--top 3</c>, <c>--top=3</c> or <c>-o x</c>. <c>-</c> is a
/// positional (standard input) and <c>--</c> ends the options. An undeclared option, a missing value or an option
/// given twice is a <see cref="UsageException"/> naming the command.
/// </summary>
public sealed class ParsedArguments
{
    private readonly string _command;
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly List<string> _positionals = [];

    private ParsedArguments(string command) => _command = command;

    /// <summary>The arguments that are not options, in order.</summary>
    public IReadOnlyList<string> Positionals => _positionals;

    /// <param name="command">The command's name, the prefix of every error message.</param>
    /// <param name="args">The arguments after the command's name.</param>
    /// <param name="valueOptions">Options that take a value, e.g. <c>--config</c>, <c>-o</c>.</param>
    /// <param name="flags">Options that take none, e.g. <c>--json</c>.</param>
    public static ParsedArguments Parse(string command, IReadOnlyList<string> args, string[] valueOptions, string[] flags)
    {
        var parsed = new ParsedArguments(command);
        bool optionsEnded = false;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (optionsEnded || arg.Length < 2 || arg[0] != '-')
            {
                parsed._positionals.Add(arg);
                continue;
            }
            if (arg == "--")
            {
                optionsEnded = true;
                continue;
            }
            string name = arg, value = "";
            bool inline = false;
            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                name = arg[..equals];
                value = arg[(equals + 1)..];
                inline = true;
            }
            // Array.IndexOf rather than a Contains through ICollection<T>: that interface call makes Native AOT compile an
            // equality comparer for every array type in the program (about 70 KB of kws).
            if (Array.IndexOf(flags, name) >= 0 && !inline)
            {
                parsed._flags.Add(name);
            }
            else if (Array.IndexOf(valueOptions, name) >= 0)
            {
                if (!inline)
                {
                    if (i + 1 >= args.Count) throw parsed.Problem($"option {name} needs a value");
                    value = args[++i];
                }
                if (!parsed._options.TryAdd(name, value)) throw parsed.Problem($"option {name} is given twice");
            }
            else
            {
                throw parsed.Problem($"unknown option {arg}");
            }
        }
        return parsed;
    }

    /// <summary>Whether the flag <paramref name="name"/> was given.</summary>
    public bool Flag(string name) => _flags.Contains(name);

    /// <summary>The value of option <paramref name="name"/>, or null when it was not given.</summary>
    public string? Option(string name) => _options.GetValueOrDefault(name);

    /// <summary>The value of option <paramref name="name"/>, or a usage error saying it is required.</summary>
    public string RequiredOption(string name) => Option(name) ?? throw Problem($"option {name} is required");

    /// <summary>A whole-number option in [<paramref name="min"/>, <paramref name="max"/>], or <paramref name="fallback"/> when absent.</summary>
    public int IntOption(string name, int fallback, int min, int max)
    {
        string? text = Option(name);
        if (text is null)
        {
            return fallback;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            string range = max == int.MaxValue ? $"at least {min}" : $"from {min} to {max}";
            throw Problem($"{name} must be a whole number {range}, got '{text}'");
        }
        return value;
    }

    /// <summary>Exactly <paramref name="count"/> positional arguments, or a usage error naming <paramref name="what"/> they should be.</summary>
    public IReadOnlyList<string> ExpectPositionals(int count, string what)
    {
        if (_positionals.Count < count)
        {
            throw Problem($"expected {what}, got {_positionals.Count} argument{(_positionals.Count == 1 ? "" : "s")}");
        }
        if (_positionals.Count > count)
        {
            throw Problem($"unexpected argument '{_positionals[count]}'" + (count > 0 ? $" (expected {what})" : ""));
        }
        return _positionals;
    }

    /// <summary>A usage error about this command line: "command: problem".</summary>
    public UsageException Problem(string problem) => new(_command.Length == 0 ? problem : $"{_command}: {problem}");
}
