namespace Kws.Runtime.Evaluation;

/// <summary>
/// Runs one job per clip on several threads, each with its own worker state (a model, a front end, buffers: none of
/// them is thread-safe), and returns the results in clip order, so the output does not depend on the thread count or
/// the scheduling. Clips are handed out in order from a shared counter; when jobs fail, the failure of the lowest
/// clip index is rethrown, the one a sequential run would have met first (every lower clip was already handed out
/// and is finished before the threads are joined).
/// </summary>
public static class ParallelClips
{
    /// <summary>Threads to use by default: every core the process may use (DOTNET_PROCESSOR_COUNT=1 forces one).</summary>
    public static int DefaultThreads => Environment.ProcessorCount;

    /// <param name="count">number of clips</param>
    /// <param name="threads">threads to run on (at most one per clip); 1 runs everything on the calling thread</param>
    /// <param name="createWorker">makes one thread's state</param>
    /// <param name="run">the job for clip i with this thread's state</param>
    /// <param name="completed">called after each clip with the number done so far, one call at a time</param>
    public static TResult[] Run<TWorker, TResult>(int count, int threads, Func<TWorker> createWorker, Func<TWorker, int, TResult> run,
        Action<int>? completed = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var results = new TResult[count];
        int next = -1, done = 0;
        int failedAt = int.MaxValue;
        Exception? failure = null;
        var gate = new object();

        void Work()
        {
            TWorker worker;
            try
            {
                worker = createWorker();
            }
            catch (Exception e)
            {
                Fail(-1, e);
                return;
            }
            int i;
            while (Volatile.Read(ref failedAt) == int.MaxValue && (i = Interlocked.Increment(ref next)) < count)
            {
                try
                {
                    results[i] = run(worker, i);
                }
                catch (Exception e)
                {
                    Fail(i, e);
                    return;
                }
                if (completed is not null)
                {
                    lock (gate)
                    {
                        completed(++done);
                    }
                }
            }
        }

        void Fail(int index, Exception e)
        {
            lock (gate)
            {
                if (index < failedAt)
                {
                    failedAt = index;
                    failure = e;
                }
            }
        }

        int helpers = Math.Min(threads, Math.Max(count, 1)) - 1;
        var started = new Thread[helpers];
        for (int t = 0; t < helpers; t++)
        {
            started[t] = new Thread(Work) { IsBackground = true, Name = $"clips {t + 1}" };
            started[t].Start();
        }
        Work();
        foreach (Thread thread in started)
        {
            thread.Join();
        }
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
        return results;
    }
}
