using Kws.Cli;

namespace Kws.Compiler.Tests.SharedCli;

/// <summary>
/// The convention kws and kwsc share (docs/cli.md), on a tool of stand-in commands: help on stdout with exit 0,
/// --version, and every error as one line on stderr with exit code 2 (usage), 1 (bad input) or 70 (a bug).
/// </summary>
public sealed class CommandLineToolTests
{
    /// <summary>A command that records its arguments, then does what <paramref name="act"/> says.</summary>
    private sealed class StandIn(string name, Func<IReadOnlyList<string>, int>? act = null) : ICommand
    {
        public List<IReadOnlyList<string>> Calls { get; } = [];

        public string Name => name;

        public string Summary => $"the {name} command";

        public string Usage => $"usage: tool {name} [--json]\n";

        public int Run(IReadOnlyList<string> args, TextWriter output)
        {
            Calls.Add(args);
            ParsedArguments.Parse(Name, args, [], ["--json"]);
            return act?.Invoke(args) ?? ExitCodes.Success;
        }
    }

    private sealed record Result(int ExitCode, string Output, string Error);

    private static Result Run(CommandLineTool tool, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = tool.Run(args, output, error);
        return new Result(code, output.ToString(), error.ToString());
    }

    private static CommandLineTool Tool(params ICommand[] commands) => new("tool", "1.2.3-beta", "does things", commands);

    [TestCase("--help")]
    [TestCase("-h")]
    [TestCase("help")]
    public void Help_goes_to_stdout_with_exit_0(string flag)
    {
        Result result = Run(Tool(new StandIn("first"), new StandIn("second")), flag);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success));
            Assert.That(result.Output, Does.StartWith("tool 1.2.3-beta: does things\n"));
            Assert.That(result.Output, Does.Contain("  first    the first command\n  second   the second command\n"));
            Assert.That(result.Output, Does.Contain("--version").And.Contain("exit codes: 0 success, 1 unusable input, 2 wrong command line, 70 internal error"));
            Assert.That(result.Error, Is.Empty);
        });
    }

    [TestCase("--help")]
    [TestCase("-h")]
    public void A_commands_help_is_its_usage_and_does_not_run_it(string flag)
    {
        var command = new StandIn("first");
        Result result = Run(Tool(command), "first", "x", flag);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success));
            Assert.That(result.Output, Is.EqualTo(command.Usage));
            Assert.That(command.Calls, Is.Empty);
        });
    }

    [Test]
    public void After_double_dash_help_is_an_argument()
    {
        var command = new StandIn("first");
        Result result = Run(Tool(command), "first", "--", "--help");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success));
        Assert.That(command.Calls.Single(), Is.EqualTo(new[] { "--", "--help" }));
    }

    [Test]
    public void Version_is_the_tool_and_product_version_then_the_details()
    {
        CommandLineTool tool = new("tool", "1.2.3-beta", "does things", [new StandIn("first")]) { VersionDetails = () => "model M sha256:ab" };
        Result result = Run(tool, "--version");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success));
        Assert.That(result.Output, Is.EqualTo("tool 1.2.3-beta\nmodel M sha256:ab\n".ReplaceLineEndings()));
    }

    [Test]
    public void A_command_gets_the_arguments_after_its_name()
    {
        var command = new StandIn("first");
        Assert.That(Run(Tool(command), "first", "a", "--json").ExitCode, Is.EqualTo(ExitCodes.Success));
        Assert.That(command.Calls.Single(), Is.EqualTo(new[] { "a", "--json" }));
    }

    [Test]
    public void The_default_command_gets_every_argument_when_the_first_is_no_command()
    {
        var fallback = new StandIn("classify");
        CommandLineTool tool = new("tool", "1", "does things", [fallback, new StandIn("info")]) { DefaultCommand = fallback };
        Run(tool, "a.wav", "--json");
        Run(tool, "--json", "b.wav");
        Run(tool, "classify", "c.wav");
        Assert.That(fallback.Calls, Is.EqualTo(new[] { new[] { "a.wav", "--json" }, new[] { "--json", "b.wav" }, new[] { "c.wav" } }));
    }

    [TestCase(new string[0], "tool: error: no command given (commands: first, second) (see tool --help)")]
    [TestCase(new[] { "third" }, "tool: error: unknown command \"third\" (commands: first, second) (see tool --help)")]
    [TestCase(new[] { "--frobnicate" }, "tool: error: unknown option --frobnicate (see tool --help)")]
    [TestCase(new[] { "help", "third" }, "tool: error: unknown command \"third\" (commands: first, second) (see tool --help)")]
    [TestCase(new[] { "first", "--yaml" }, "tool: error: first: unknown option --yaml (see tool first --help)")]
    public void Usage_errors_are_one_line_with_exit_2(string[] args, string line)
    {
        Result result = Run(Tool(new StandIn("first"), new StandIn("second")), args);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(result.Error, Is.EqualTo(line + Environment.NewLine));
            Assert.That(result.Output, Is.Empty);
        });
    }

    private sealed class ToolOwnError(string message) : Exception(message);

    public static IEnumerable<TestCaseData> Failures()
    {
        yield return new TestCaseData(new InputException("a.wav: no such file"), ExitCodes.BadInput, "tool: error: a.wav: no such file");
        yield return new TestCaseData(new IOException("disk full"), ExitCodes.BadInput, "tool: error: disk full");
        yield return new TestCaseData(new UnauthorizedAccessException("denied"), ExitCodes.BadInput, "tool: error: denied");
        yield return new TestCaseData(new ToolOwnError("bad checkpoint"), ExitCodes.BadInput, "tool: error: bad checkpoint");
        yield return new TestCaseData(new InvalidOperationException("two\nlines"), ExitCodes.InternalError,
            "tool: error: internal error (InvalidOperationException: two lines); please report it with the command line and the files that caused it");
    }

    [TestCaseSource(nameof(Failures))]
    public void What_a_command_throws_becomes_one_line_and_its_exit_code(Exception thrown, int exitCode, string line)
    {
        CommandLineTool tool = new("tool", "1", "does things", [new StandIn("first", _ => throw thrown)]) { IsBadInput = e => e is ToolOwnError };
        Result result = Run(tool, "first");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(exitCode));
            Assert.That(result.Error, Is.EqualTo(line + Environment.NewLine));
        });
    }

    [Test]
    public void A_commands_own_exit_code_is_passed_on() =>
        Assert.That(Run(Tool(new StandIn("first", _ => 3)), "first").ExitCode, Is.EqualTo(3));
}
