namespace Kws.Cli;

/// <summary>
/// One sub-command of kws or kwsc. The tool (<see cref="CommandLineTool"/>) answers <c>--help</c> and <c>-h</c> with
/// <see cref="Usage"/> before <see cref="Run"/> is called, and turns what <see cref="Run"/> throws into one line on
/// stderr and an exit code: <see cref="UsageException"/> 2, <see cref="InputException"/> (and the tool's own input
/// errors) 1, anything else 70.
/// </summary>
public interface ICommand
{
    /// <summary>The word that selects the command, e.g. <c>inspect</c>.</summary>
    string Name { get; }

    /// <summary>One line for the tool's command list.</summary>
    string Summary { get; }

    /// <summary>The full usage text for <c>&lt;tool&gt; &lt;command&gt; --help</c>, starting with <c>usage: </c> and ending with a newline.</summary>
    string Usage { get; }

    /// <summary>Runs the command with the arguments after its name; results go to <paramref name="output"/> (stdout). Returns the exit code.</summary>
    int Run(IReadOnlyList<string> args, TextWriter output);
}
