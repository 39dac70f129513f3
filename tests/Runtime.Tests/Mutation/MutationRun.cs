using System.Diagnostics;

namespace Kws.Runtime.Tests.Mutation;

/// <summary>
/// Runs a parser over many mutated inputs on a worker thread with a deadline, so a hang fails the test instead of
/// stalling the run, and collects any exception that is not one of the parser's clear error types.
/// </summary>
internal static class MutationRun
{
    public sealed record Outcome(int Accepted, int Rejected, IReadOnlyList<string> Unexpected, TimeSpan Elapsed);

    public static Outcome Run(int count, int seed, Func<Random, byte[]> makeInput, Action<byte[]> parse, Func<Exception, bool> isClearError,
        TimeSpan deadline)
    {
        int accepted = 0, rejected = 0;
        var unexpected = new List<string>();
        var watch = Stopwatch.StartNew();
        var worker = new Thread(() =>
        {
            var random = new Random(seed);
            for (int i = 0; i < count; i++)
            {
                byte[] input;
                try
                {
                    input = makeInput(random);
                }
                catch (Exception e)
                {
                    unexpected.Add($"case {i}: the test's input generator failed: {e.Message}");
                    continue;
                }
                try
                {
                    parse(input);
                    accepted++;
                }
                catch (Exception e) when (isClearError(e))
                {
                    rejected++;
                    if (string.IsNullOrWhiteSpace(e.Message) || e.Message.Contains('\n'))
                    {
                        unexpected.Add($"case {i}: an error message that is not one line: \"{e.Message}\"");
                    }
                }
                catch (Exception e)
                {
                    unexpected.Add($"case {i}: {e.GetType().Name}: {e.Message}");
                }
            }
        }, 64 * 1024 * 1024) { IsBackground = true };
        worker.Start();
        bool finished = worker.Join(deadline);
        Assert.That(finished, Is.True, $"still running after {deadline}: a mutated input hangs the parser (seed {seed})");
        return new Outcome(accepted, rejected, unexpected, watch.Elapsed);
    }
}
