using System.Reflection;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;

namespace Kws.Benchmarks.Configuration;

/// <summary>
/// The benchmark needs this file under models/. Cases whose files are missing are left out of the run (and listed),
/// so a repository without, say, the QAT manifest or the ONNX exports still benchmarks everything else.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class RequiresModelFileAttribute(string fileName) : Attribute
{
    public string FileName { get; } = fileName;

    /// <summary>A filter keeping only the cases whose model files exist; reports each case it drops once.</summary>
    public static IFilter AvailableOnly(TextWriter log)
    {
        var reported = new HashSet<string>();
        return new SimpleFilter(benchmark =>
        {
            var missing = Missing(benchmark).ToList();
            if (missing.Count > 0 && reported.Add(benchmark.Descriptor.DisplayInfo))
            {
                log.WriteLine($"skipped {benchmark.Descriptor.DisplayInfo}: missing models/{string.Join(", models/", missing)}");
            }

            return missing.Count == 0;
        });
    }

    private static IEnumerable<string> Missing(BenchmarkCase benchmark) => benchmark.Descriptor.WorkloadMethod
        .GetCustomAttributes<RequiresModelFileAttribute>()
        .Select(a => a.FileName)
        .Where(name => !File.Exists(RepositoryPaths.Model(name)));
}
