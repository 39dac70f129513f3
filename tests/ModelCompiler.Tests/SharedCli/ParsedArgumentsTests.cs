using Kws.Cli;

namespace Kws.Compiler.Tests.SharedCli;

/// <summary>The one argument parser of kws and kwsc: every form an option can take, and every way to get it wrong.</summary>
public sealed class ParsedArgumentsTests
{
    private static ParsedArguments Parse(params string[] args) =>
        ParsedArguments.Parse("cmd", args, ["--top", "-o", "--manifest"], ["--json"]);

    [TestCase("--top", "3")]
    [TestCase("--top=3")]
    public void An_option_takes_its_value_after_a_space_or_an_equals_sign(params string[] args) =>
        Assert.That(Parse(args).Option("--top"), Is.EqualTo("3"));

    [Test]
    public void Options_and_positionals_mix_in_any_order()
    {
        ParsedArguments parsed = Parse("a.wav", "--json", "-o", "out", "b.wav", "-");
        Assert.Multiple(() =>
        {
            Assert.That(parsed.Positionals, Is.EqualTo(new[] { "a.wav", "b.wav", "-" }), "'-' is standard input, a positional");
            Assert.That(parsed.Flag("--json"), Is.True);
            Assert.That(parsed.Option("-o"), Is.EqualTo("out"));
            Assert.That(parsed.Option("--manifest"), Is.Null);
        });
    }

    [Test]
    public void Double_dash_ends_the_options() =>
        Assert.That(Parse("--", "--json", "-o").Positionals, Is.EqualTo(new[] { "--json", "-o" }));

    [TestCase(new[] { "--frobnicate" }, "cmd: unknown option --frobnicate")]
    [TestCase(new[] { "--json=1" }, "cmd: unknown option --json=1")]
    [TestCase(new[] { "-o=x" }, "cmd: unknown option -o=x")]
    [TestCase(new[] { "--top" }, "cmd: option --top needs a value")]
    [TestCase(new[] { "--top", "1", "--top=2" }, "cmd: option --top is given twice")]
    public void Mistakes_are_usage_errors_naming_the_command(string[] args, string message) =>
        Assert.That(() => Parse(args), Throws.TypeOf<UsageException>().With.Message.EqualTo(message));

    [TestCase("3", 3)]
    [TestCase("1", 1)]
    [TestCase("10", 10)]
    public void A_whole_number_option_in_range_is_read(string text, int expected) =>
        Assert.That(Parse("--top", text).IntOption("--top", 5, 1, 10), Is.EqualTo(expected));

    [Test]
    public void An_absent_whole_number_option_is_the_fallback() =>
        Assert.That(Parse().IntOption("--top", 5, 1, 10), Is.EqualTo(5));

    [TestCase("0", "cmd: --top must be a whole number from 1 to 10, got '0'")]
    [TestCase("11", "cmd: --top must be a whole number from 1 to 10, got '11'")]
    [TestCase("-3", "cmd: --top must be a whole number from 1 to 10, got '-3'")]
    [TestCase("three", "cmd: --top must be a whole number from 1 to 10, got 'three'")]
    [TestCase("99999999999", "cmd: --top must be a whole number from 1 to 10, got '99999999999'")]
    public void A_whole_number_option_out_of_range_is_a_usage_error(string text, string message) =>
        Assert.That(() => Parse("--top", text).IntOption("--top", 5, 1, 10), Throws.TypeOf<UsageException>().With.Message.EqualTo(message));

    [Test]
    public void A_required_option_that_is_missing_is_named() =>
        Assert.That(() => Parse().RequiredOption("--manifest"), Throws.TypeOf<UsageException>().With.Message.EqualTo("cmd: option --manifest is required"));

    [TestCase(new string[0], 1, "cmd: expected one file, got 0 arguments")]
    [TestCase(new[] { "a", "b" }, 1, "cmd: unexpected argument 'b' (expected one file)")]
    [TestCase(new[] { "a" }, 0, "cmd: unexpected argument 'a'")]
    public void The_wrong_number_of_positionals_is_a_usage_error(string[] args, int count, string message) =>
        Assert.That(() => Parse(args).ExpectPositionals(count, "one file"), Throws.TypeOf<UsageException>().With.Message.EqualTo(message));

    [Test]
    public void The_right_number_of_positionals_is_returned() =>
        Assert.That(Parse("a", "b").ExpectPositionals(2, "two files"), Is.EqualTo(new[] { "a", "b" }));
}
