using Kws.Cli;

namespace Kws.Compiler.Tests.SharedCli;

/// <summary>The progress bar both tools draw on a terminal (src/NativeAotHost/Cli/Shared).</summary>

public sealed class ProgressBarTests
{
    [Test]
    public void Draws_in_place_on_a_terminal_and_clears_the_line()
    {
        var terminal = new StringWriter();
        using (var bar = new ProgressBar(terminal))
        {
            bar.Start("traces", 4);
            bar.Advance();
            Assert.That(bar.Render(), Is.EqualTo("[#######-----------------------]  25% 1/4 traces"));
        }

        string drawn = terminal.ToString();
        Assert.Multiple(() =>
        {
            Assert.That(drawn, Does.StartWith("\r[------------------------------]   0% 0/4 traces"));
            Assert.That(drawn, Does.Not.Contain("\n"), "redrawn with carriage returns only");
            Assert.That(drawn, Does.EndWith("\r"));
        });
    }

    [Test]
    public void Reports_as_a_callback_in_the_phase_it_was_made_for()
    {
        var terminal = new StringWriter();
        using var bar = new ProgressBar(terminal, "files");
        bar.Report(3, 4);
        Assert.That(bar.Render(), Is.EqualTo("[######################--------]  75% 3/4 files"));
    }

    [Test]
    public void Draws_nothing_without_a_terminal_and_clears_nothing()
    {
        using var bar = new ProgressBar(null);
        bar.Start("traces", 2);
        bar.Advance();
        bar.Advance();
        bar.Advance();
        Assert.That(bar.Render(), Is.EqualTo("[##############################] 100% 2/2 traces"), "counts stop at the total");
    }

    [Test]
    public void Clears_nothing_when_nothing_was_drawn()
    {
        var terminal = new StringWriter();
        new ProgressBar(terminal).Dispose();
        Assert.That(terminal.ToString(), Is.Empty);
    }
}
