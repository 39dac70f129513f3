using System.Text.RegularExpressions;

namespace Kws.Packaging.Tests;

/// <summary>The README's "Use it in your own app" section, read as a user copies it: its project lines and its C# program.</summary>
internal static partial class Readme
{
    private const string Section = "## Use it in your own app";

    private static readonly Lazy<string> SectionText = new(() =>
    {
        string text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")).ReplaceLineEndings("\n");
        int start = text.IndexOf(Section, StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"README.md has no \"{Section}\" section");
        int end = text.IndexOf("\n## ", start + Section.Length, StringComparison.Ordinal);
        return end < 0 ? text[start..] : text[start..end];
    });

    /// <summary>The lines of the section's first <c>xml</c> block: the PackageReference and the KwsModel item.</summary>
    public static string ProjectItems => Block("xml");

    /// <summary>The section's first <c>csharp</c> block: the program that classifies a WAV.</summary>
    public static string Program => Block("csharp");

    /// <summary>The Version the README's PackageReference names.</summary>
    public static string PackageVersion => PackageVersionAttribute().Match(ProjectItems) is { Success: true } match
        ? match.Groups[1].Value
        : throw new AssertionException("the README's PackageReference to Kws.Runtime names no Version");

    /// <summary>The KwsModel item line, as a user pastes it into an ItemGroup.</summary>
    public static string KwsModelItem => ProjectItems.Split('\n').Single(line => line.Contains("<KwsModel", StringComparison.Ordinal)).Trim();

    private static string Block(string language)
    {
        string fence = "```" + language + "\n";
        int start = SectionText.Value.IndexOf(fence, StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"the README's \"{Section}\" has no {language} block");
        start += fence.Length;
        return SectionText.Value[start..SectionText.Value.IndexOf("```", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("""<PackageReference Include="Kws.Runtime" Version="([^"]+)" />""")]
    private static partial Regex PackageVersionAttribute();
}
