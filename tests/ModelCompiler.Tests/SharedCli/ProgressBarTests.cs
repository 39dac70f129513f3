using Kws.Compiler.Cli;

namespace Kws.Compiler.Tests.Analysis;

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
}
