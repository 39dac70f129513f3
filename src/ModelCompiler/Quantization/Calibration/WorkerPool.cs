using System.Runtime.ExceptionServices;

namespace Kws.Compiler.Quantization.Calibration;

/// <summary>
/// One state per core (an interpreter and its buffers are not thread-safe) and a loop that hands out item indices to
/// the workers as they become free. Results go to slots by index, so what a loop computes never depends on which
/// worker ran which item.
/// </summary>
public sealed class WorkerPool<TState>
{
    private readonly TState[] states;

    public WorkerPool(Func<TState> create, int? workers = null)
    {
        int count = Math.Max(1, workers ?? Environment.ProcessorCount);
        states = Enumerable.Range(0, count).Select(_ => create()).ToArray();
    }

    public int Workers => states.Length;

    /// <summary>
    /// Runs <paramref name="body"/>(state, index) for every index in [0, <paramref name="count"/>). An exception stops
    /// the loop and is rethrown as itself, not wrapped.
    /// </summary>
    public void For(int count, Action<TState, int> body)
    {
        int next = -1;
        try
        {
            Parallel.For(0, Math.Min(states.Length, Math.Max(count, 1)), worker =>
            {
                for (int i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
                {
                    body(states[worker], i);
                }
            });
        }
        catch (AggregateException e)
        {
            ExceptionDispatchInfo.Capture(e.Flatten().InnerExceptions[0]).Throw();
        }
    }
}
