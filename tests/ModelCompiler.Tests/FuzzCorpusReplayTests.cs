using System.Diagnostics;
using Kws.Fuzz;
using Kws.Fuzz.Targets;
using Kws.Tests.Shared;

namespace Kws.Compiler.Tests;

/// <summary>
/// Replays the committed, minimised AFL++ corpus of every fuzz target (tests/Fuzz/corpus/&lt;target&gt;.tar.gz) through its
/// reader, so that a regression shows up without a fuzzer: each input gives a result or the reader's own typed error,
/// never another exception, within a time and an allocation bound (docs/limits.md).
/// </summary>
public sealed class FuzzCorpusReplayTests
{
    /// <summary>Far above what any corpus input takes (milliseconds), far below what a hang would.</summary>
    private static readonly TimeSpan PerInput = TimeSpan.FromSeconds(5);

    /// <summary>What one input may allocate: about ten times what the hungriest corpus input needs today (1.3 MB).</summary>
    private const long AllocationBound = 16L << 20;

    public static IEnumerable<string> Targets => FuzzTargets.All.Select(t => t.Name);

    [TestCaseSource(nameof(Targets))]
    public void Every_corpus_input_gives_a_result_or_the_readers_own_error(string name)
    {
        IFuzzTarget target = FuzzTargets.Find(name)!;
        string archive = CorpusFiles.CommittedArchive(RepositoryPaths.Root, name);
        Assert.That(File.Exists(archive), $"the committed corpus {archive} (tests/Fuzz/fuzz.sh {name} writes it)");
        var inputs = CorpusFiles.Read(archive).ToList();
        Assert.That(inputs, Is.Not.Empty);
        int accepted = 0, refused = 0;
        long mostAllocated = 0;
        var clock = Stopwatch.StartNew();
        foreach (var (file, input) in inputs)
        {
            bool? result = null;
            long allocated = 0;
            Exception? finding = null;
            var run = Task.Run(() =>
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    result = FuzzCase.Run(target, input);
                }
                catch (Exception e)
                {
                    finding = e;
                }
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            });
            Assert.That(run.Wait(PerInput), $"{name} corpus input {file} takes over {PerInput.TotalSeconds} s");
            Assert.That(finding, Is.Null, $"{name} corpus input {file}: {finding?.GetType().Name}: {finding?.Message}");
            Assert.That(allocated, Is.LessThan(AllocationBound), $"{name} corpus input {file} allocates {allocated} bytes");
            mostAllocated = Math.Max(mostAllocated, allocated);
            if (result == true) accepted++;
            else refused++;
        }
        TestContext.Out.WriteLine($"{name}: {inputs.Count} inputs, {accepted} accepted, {refused} refused, {clock.Elapsed.TotalSeconds:F1} s, at most {mostAllocated} bytes allocated by one");
    }
}
