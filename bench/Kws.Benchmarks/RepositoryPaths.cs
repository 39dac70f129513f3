using System.Reflection;

namespace Kws.Benchmarks;

/// <summary>
/// Paths into the repository, fixed at build time: BenchmarkDotNet runs each benchmark from a directory of its own,
/// so nothing may depend on the working directory.
/// </summary>
public static class RepositoryPaths
{
    public static string Root { get; } = typeof(RepositoryPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string Models => Path.Combine(Root, "models");

    public static string Clips => Path.Combine(Models, "samples", "clips");

    public static string Model(string fileName) => Path.Combine(Models, fileName);
}
