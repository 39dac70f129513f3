namespace Kws.Packaging.Tests;

/// <summary>A nuget.config that adds the local feed; the machine's configured sources still serve the dependencies.</summary>
internal static class NuGetConfig
{
    public static void WriteWithFeed(string folder, string feed) =>
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="kws-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
}
