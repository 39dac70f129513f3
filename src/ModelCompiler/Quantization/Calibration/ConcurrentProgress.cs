using Kws.Compiler.Cli;

namespace Kws.Compiler.Quantization.Calibration;

/// <summary>A progress bar (or none) that every worker of a parallel loop may advance: the bar itself is single-threaded.</summary>
internal sealed class ConcurrentProgress(ProgressBar? bar)
{
    private readonly object gate = new();

    public void Start(string phase, int steps) => bar?.Start(phase, steps);

    public void Advance(int steps = 1)
    {
        if (bar is null)
        {
            return;
        }
        lock (gate)
        {
            for (int i = 0; i < steps; i++)
            {
                bar.Advance();
            }
        }
    }
}
