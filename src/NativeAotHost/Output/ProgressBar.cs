namespace Kws.Host.Output;

/// <summary>A one-line progress bar on stderr, redrawn in place; silent when stderr is not a terminal (logs, pipes, tests).</summary>
internal sealed class ProgressBar(int total, string unit) : IDisposable
{
    private const int Width = 30;
    private readonly bool _visible = !Console.IsErrorRedirected && total > 0;
    private int _lastDrawn = -1;

    public void Report(int done)
    {
        if (!_visible)
        {
            return;
        }
        int filled = (int)((long)done * Width / total);
        if (filled == _lastDrawn && done != total)
        {
            return;
        }
        _lastDrawn = filled;
        Console.Error.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {done}/{total} {unit}");
    }

    public void Dispose()
    {
        if (_visible && _lastDrawn >= 0)
        {
            // Erase the bar so the results start on a clean line.
            Console.Error.Write($"\r{new string(' ', Width + 40)}\r");
        }
    }
}
