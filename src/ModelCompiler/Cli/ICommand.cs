namespace Kws.Compiler.Cli;

/// <summary>One kwsc sub-command.</summary>
public interface ICommand
{
    string Name { get; }

    /// <summary>One line for the command list.</summary>
    string Summary { get; }

    /// <summary>The full usage text for <c>kwsc &lt;command&gt; --help</c>.</summary>
    string Usage { get; }

    /// <summary>Runs the command; returns the exit code. Throws <see cref="UsageException"/> or a domain error on bad input.</summary>
    int Run(IReadOnlyList<string> args, TextWriter output);
}
