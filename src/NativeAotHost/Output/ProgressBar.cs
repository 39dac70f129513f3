namespace Kws.Host.Output;

/// <summary>A one-line progress bar on stderr, redrawn in place; silent when stderr is not a terminal (logs, pipes, tests).</summary>
internal sealed class ProgressBar(string unit) : IDisposable
{
    private const int Width = 30;
    private readonly bool _visible = !Console.IsErrorRedirected;
    private int _lastFilled = -1;

    /// <summary>Redraws the bar when it changed: <paramref name="done"/> of <paramref name="total"/>.</summary>
    public void Report(int done, int total)
    {
        if (!_visible || total <= 0)
        {
            return;
        }
        int filled = (int)((long)done * Width / total);
        if (filled == _lastFilled && done != total)
        {
            return;
        }
        _lastFilled = filled;
        Console.Error.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {done}/{total} {unit}");
    }

    public void Dispose()
    {
        if (_visible && _lastFilled >= 0)
        {
            // Erase the bar so what follows starts on a clean line.
            Console.Error.Write($"\r{new string(' ', Width + 40)}\r");
        }
    }
}
