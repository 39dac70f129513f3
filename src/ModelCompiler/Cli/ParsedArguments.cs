namespace Kws.Compiler.Cli;

/// <summary>
/// A command's arguments split into positionals, options with a value (<c>--config x</c>, <c>--config=x</c>,
/// <c>-o x</c>) and flags (<c>--json</c>). Anything not declared is a usage error.
/// </summary>
public sealed class ParsedArguments
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private ParsedArguments()
    {
    }

    public List<string> Positionals { get; } = [];

    public bool Help => _flags.Contains("--help");

    public static ParsedArguments Parse(string command, IReadOnlyList<string> args, IReadOnlySet<string> valueOptions, IReadOnlySet<string> flags)
    {
        var parsed = new ParsedArguments();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg is "--help" or "-h")
            {
                parsed._flags.Add("--help");
                continue;
            }
            if (arg.Length < 2 || arg[0] != '-')
            {
                parsed.Positionals.Add(arg);
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
            if (flags.Contains(name) && !inline)
            {
                parsed._flags.Add(name);
            }
            else if (valueOptions.Contains(name))
            {
                if (!inline)
                {
                    if (i + 1 >= args.Count) throw new UsageException($"{command}: option {name} needs a value");
                    value = args[++i];
                }
                if (!parsed._options.TryAdd(name, value)) throw new UsageException($"{command}: option {name} is given twice");
            }
            else
            {
                throw new UsageException($"{command}: unknown option {arg}");
            }
        }
        return parsed;
    }

    public bool Flag(string name) => _flags.Contains(name);

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public string RequiredOption(string command, string name) =>
        Option(name) ?? throw new UsageException($"{command}: option {name} is required");

    /// <summary>Exactly <paramref name="count"/> positional arguments, or a usage error naming what they are.</summary>
    public IReadOnlyList<string> ExpectPositionals(string command, int count, string what)
    {
        if (Positionals.Count != count)
        {
            throw new UsageException($"{command}: expected {what}, got {Positionals.Count} argument{(Positionals.Count == 1 ? "" : "s")}");
        }
        return Positionals;
    }
}
