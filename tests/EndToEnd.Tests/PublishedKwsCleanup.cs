namespace Kws.EndToEnd.Tests;

/// <summary>Deletes the published kws when the whole test assembly is done.</summary>
[SetUpFixture]
public sealed class PublishedKwsCleanup
{
    [OneTimeTearDown]
    public void DeletePublished() => PublishedKws.DeletePublished();
}
