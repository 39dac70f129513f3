namespace Kws.Compiler.Cli;

/// <summary>
/// A one-line progress bar on stderr, redrawn in place, for runs that take more than a moment. Silent when stderr is
/// not a terminal (CI logs, redirects), so it never pollutes captured output.
/// </summary>
public sealed class ProgressBar : IDisposable
{
    private const int BarWidth = 30;
    private readonly TextWriter? terminal;
    private string phase = "";
    private int total, done, lastDrawnPercent = -1;
    private bool cleared;

    public ProgressBar(TextWriter? terminal) => this.terminal = terminal;

    /// <summary>A bar on <see cref="Console.Error"/> if it is a terminal, otherwise one that draws nothing.</summary>
    public static ProgressBar ForConsole() => new(Console.IsErrorRedirected ? null : Console.Error);

    /// <summary>Starts a new phase of <paramref name="steps"/> steps, e.g. "FP32 and PTQ traces".</summary>
    public void Start(string name, int steps)
    {
        phase = name;
        total = Math.Max(steps, 1);
        done = 0;
        lastDrawnPercent = -1;
        Draw();
    }

    public void Advance()
    {
        done = Math.Min(done + 1, total);
        Draw();
    }

    /// <summary>The line as drawn: bar, percentage, count and phase.</summary>
    public string Render()
    {
        int filled = done * BarWidth / total;
        return $"[{new string('#', filled)}{new string('-', BarWidth - filled)}] {done * 100 / total,3}% {done}/{total} {phase}";
    }

    private void Draw()
    {
        int percent = done * 100 / total;
        if (terminal is null || percent == lastDrawnPercent)
        {
            return;
        }
        lastDrawnPercent = percent;
        terminal.Write("\r" + Render().PadRight(79));
        terminal.Flush();
    }

    /// <summary>Clears the line so the next output starts clean (once).</summary>
    public void Dispose()
    {
        if (terminal is not null && !cleared)
        {
            cleared = true;
            terminal.Write("\r" + new string(' ', 79) + "\r");
            terminal.Flush();
        }
    }
}
