namespace Kws.Packaging.Tests;

/// <summary>Deletes the workspace and this run's packages from the NuGet cache when the test assembly is done.</summary>
[SetUpFixture]
public sealed class WorkspaceCleanup
{
    [OneTimeTearDown]
    public void Delete()
    {
        LocalFeed.RemoveFromPackageCache();
        Workspace.Delete();
    }
}
