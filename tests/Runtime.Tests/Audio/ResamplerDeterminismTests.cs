using System.Security.Cryptography;
using Kws.Runtime.Audio;

namespace Kws.Runtime.Tests.Audio;

/// <summary>
/// The resampler gives the same bits on every SIMD path and CPU: each output is one sum over its taps in ascending
/// order, in a vector lane (one output per lane) or in scalar code. The hashes below were taken on AVX-512 hardware
/// and hold with DOTNET_EnableAVX512=0, DOTNET_EnableAVX2=0 and DOTNET_EnableHWIntrinsic=0 (.ci/run repeats the
/// Parity category with SIMD off). They did not change when the sum went from four interleaved partial sums to one
/// running sum: a float32 tap times a float32 sample is exact in double, and these sums hardly ever round.
/// </summary>
[Category("Parity")]
public class ResamplerDeterminismTests
{
    [TestCase(16000, 16000, "46f2060b4af21bee")]
    [TestCase(16000, 8000, "8ef5509e5b75a1da")]
    [TestCase(44100, 8000, "722e12ac91f62ea8")]
    [TestCase(48000, 8000, "110b6759466e6505")]
    [TestCase(22050, 8000, "ffd4f590639bb430")]
    [TestCase(11025, 8000, "c00615371b69ec62")]
    [TestCase(7919, 8000, "fac4c8ce3e801118")]
    [TestCase(2, 8000, "4f745bcf636a48a1")]
    [TestCase(999_983, 8000, "2c659d7f2c77182e")]
    public void OutputBitsDoNotDependOnThePath(int origRate, int newRate, string expectedHashPrefix)
    {
        float[] output = new SincResampler(origRate, newRate).Resample(SincResamplerTests.Signal(origRate, seed: 7));
        byte[] bytes = new byte[output.Length * sizeof(float)];
        Buffer.BlockCopy(output, 0, bytes, 0, bytes.Length);
        string hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        TestContext.Out.WriteLine($"{origRate} -> {newRate}: {hash}");
        Assert.That(hash, Does.StartWith(expectedHashPrefix));
    }
}
