using System.Xml.Linq;

namespace Kws.Tests.Shared;

/// <summary>The product version, set in one place: &lt;Version&gt; in the repository's Directory.Build.props.</summary>
internal static class RepositoryVersion
{
    public static string Text { get; } =
        XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Build.props")).Descendants("Version").Single().Value;
}
