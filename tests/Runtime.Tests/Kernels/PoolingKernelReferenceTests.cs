using Kws.Runtime.Layers;
using Kws.Tests.Shared;

namespace Kws.Runtime.Tests.Kernels;

/// <summary>
/// The quantized pooling kernels against PyTorch 1.13 (onednn) on 120 random tensors, half of them full of exact ties
/// (models/references/pooling.*, made by models/recipe/make_kernel_references.py): every output code identical.
/// avg_pool1d and adaptive_avg_pool1d round differently, which is why they are two layer types.
/// </summary>
[Category("Parity")]
public class PoolingKernelReferenceTests
{
    private sealed record PoolingCase(int Channels, int Length, double Scale, int ZeroPoint, long InputOffset, long AvgPoolOffset, long AdaptiveAvgPoolOffset);

    private sealed record PoolingReferences(string Torch, string Engine, List<PoolingCase> Cases);

    private static readonly PoolingReferences References =
        ReferenceFiles.ReadJson<PoolingReferences>(Path.Combine(RepositoryPaths.References, "pooling.json"));

    private static readonly byte[] Blob = ReferenceFiles.ReadBytes(Path.Combine(RepositoryPaths.References, "pooling.bin.gz"));

    [Test]
    public void AvgPool1dCodesEqualPyTorchs() =>
        AssertEveryCase(c => c.AvgPoolOffset, (input, c, output) => GlobalAvgPool1dKernel.Run(input, c.Channels, c.ZeroPoint, output));

    [Test]
    public void AdaptiveAvgPool1dCodesEqualPyTorchs() =>
        AssertEveryCase(c => c.AdaptiveAvgPoolOffset, (input, c, output) => AdaptiveAvgPool1dKernel.Run(input, c.Channels, c.ZeroPoint, output));

    [Test]
    public void TheTwoPoolsDisagreeSomewhere()
    {
        // Otherwise one layer type would do: the references must show the difference they exist for.
        int differing = References.Cases.Sum(c =>
            Enumerable.Range(0, c.Channels).Count(i => Blob[c.AvgPoolOffset + i] != Blob[c.AdaptiveAvgPoolOffset + i]));
        Assert.That(differing, Is.GreaterThan(0));
    }

    private static void AssertEveryCase(Func<PoolingCase, long> expectedAt, Action<byte[], PoolingCase, byte[]> run)
    {
        Assert.That(References.Cases, Has.Count.EqualTo(120));
        int channels = 0;
        foreach (PoolingCase c in References.Cases)
        {
            byte[] input = ReferenceFiles.Slice(Blob, c.InputOffset, (long)c.Channels * c.Length, "input");
            byte[] expected = ReferenceFiles.Slice(Blob, expectedAt(c), c.Channels, "expected");
            var actual = new byte[c.Channels];
            run(input, c, actual);
            Assert.That(actual, Is.EqualTo(expected), $"[{c.Channels} x {c.Length}], zero point {c.ZeroPoint}");
            channels += c.Channels;
        }
        TestContext.Out.WriteLine($"{channels} channels identical to PyTorch {References.Torch} ({References.Engine})");
    }
}
