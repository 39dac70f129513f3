namespace Kws.EndToEnd.Tests;

/// <summary>
/// The size budget of docs/kws.md: the published kws, with the default PTQ model baked in, stays at or under 2.5 MB.
/// Every command and library that lands in the binary pays from this budget, so a change that breaks it fails here
/// rather than in a release note.
/// </summary>
public sealed class SizeBudgetTests
{
    private const long BudgetBytes = 2_500_000;

    [Test]
    public void PublishedKwsFitsTheBudget()
    {
        long size = new FileInfo(PublishedKws.Binary).Length;
        Assert.That(size, Is.LessThanOrEqualTo(BudgetBytes),
            $"kws is {size:N0} bytes, over the {BudgetBytes:N0}-byte budget (docs/kws.md): find what grew it before raising the budget");
    }
}
