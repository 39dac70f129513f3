using System.Reflection;

namespace Kws.Tests.Shared;

/// <summary>Absolute paths into the repository, fixed at build time, so tests do not depend on the working directory.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = typeof(RepositoryPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string Models => Path.Combine(Root, "models");

    public static string Samples => Path.Combine(Models, "samples");

    public static string References => Path.Combine(Models, "references");

    public static string Model(string fileName) => Path.Combine(Models, fileName);
}
