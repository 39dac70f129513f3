namespace Kws.Fuzz;

/// <summary>The repository the harness was built from: the nearest folder above it (or the working directory) with Compiler.sln.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (DirectoryInfo? folder = new(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Compiler.sln"))) return folder.FullName;
            }
        }
        throw new DirectoryNotFoundException("no Compiler.sln above the harness or the working directory: run it from the repository");
    }
}
