using BenchmarkDotNet.Reports;

namespace Kws.Benchmarks;

/// <summary>Decides whether a run succeeded: something ran, and every benchmark built, set up and measured.</summary>
public static class RunOutcome
{
    public static bool Check(IReadOnlyList<Summary> summaries, TextWriter errors)
    {
        var reports = summaries.SelectMany(s => s.Reports).ToList();
        var failures = summaries
            .Where(s => s.HasCriticalValidationErrors)
            .SelectMany(s => s.ValidationErrors.Where(e => e.IsCritical).Select(e => $"invalid: {e.Message}"))
            .Concat(reports.Where(r => !r.Success || r.ResultStatistics is null)
                .Select(r => $"failed: {r.BenchmarkCase.DisplayInfo}"))
            .ToList();

        if (reports.Count == 0 && failures.Count == 0)
        {
            failures.Add("no benchmark ran (does the filter match any?)");
        }

        foreach (var failure in failures)
        {
            errors.WriteLine(failure);
        }

        return failures.Count == 0;
    }
}
