namespace Kws.Cli;

/// <summary>
/// A one-line progress bar on stderr, redrawn in place with carriage returns, for runs that take more than a moment.
/// It draws only on a terminal: with stderr redirected (CI logs, pipes, tests) it prints nothing, so captured output
/// never holds it. No colour.
/// </summary>
public sealed class ProgressBar : IDisposable
{
    private const int BarWidth = 30;
    private const int LineWidth = 79;
    private readonly TextWriter? _terminal;
    private string _phase;
    private int _total = 1, _done, _lastDrawnPercent = -1;
    private bool _drawn;

    /// <param name="terminal">Where to draw, or null for a bar that draws nothing.</param>
    /// <param name="phase">What is counted, until <see cref="Start"/> names another phase, e.g. "files".</param>
    public ProgressBar(TextWriter? terminal, string phase = "")
    {
        _terminal = terminal;
        _phase = phase;
    }

    /// <summary>A bar on <see cref="Console.Error"/> if it is a terminal, otherwise one that draws nothing.</summary>
    public static ProgressBar ForConsole(string phase = "") => new(Console.IsErrorRedirected ? null : Console.Error, phase);

    /// <summary>Starts a new phase of <paramref name="steps"/> steps, e.g. "traced runs".</summary>
    public void Start(string phase, int steps)
    {
        _phase = phase;
        _lastDrawnPercent = -1;
        Report(0, steps);
    }

    /// <summary>One more step of the phase done.</summary>
    public void Advance() => Report(_done + 1, _total);

    /// <summary><paramref name="done"/> of <paramref name="total"/> steps done (the shape of a progress callback).</summary>
    public void Report(int done, int total)
    {
        _total = Math.Max(total, 1);
        _done = Math.Clamp(done, 0, _total);
        Draw();
    }

    /// <summary>The line as drawn: bar, percentage, count and phase.</summary>
    public string Render()
    {
        int filled = (int)((long)_done * BarWidth / _total);
        return $"[{new string('#', filled)}{new string('-', BarWidth - filled)}] {(long)_done * 100 / _total,3}% {_done}/{_total} {_phase}".TrimEnd();
    }

    private void Draw()
    {
        int percent = (int)((long)_done * 100 / _total);
        if (_terminal is null || percent == _lastDrawnPercent)
        {
            return;
        }
        _lastDrawnPercent = percent;
        _drawn = true;
        _terminal.Write("\r" + Render().PadRight(LineWidth));
        _terminal.Flush();
    }

    /// <summary>Clears the line so the next output starts clean (once, and only if something was drawn).</summary>
    public void Dispose()
    {
        if (_terminal is not null && _drawn)
        {
            _drawn = false;
            _terminal.Write("\r" + new string(' ', LineWidth) + "\r");
            _terminal.Flush();
        }
    }
}
