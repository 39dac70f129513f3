using System.Security.Cryptography;
using Kws.Runtime.Audio;

namespace Kws.Runtime.Tests.Audio;

/// <summary>
/// The resampler gives the same bits on every SIMD path and CPU: its dot product keeps four partial sums in a fixed
/// order, whether in vector lanes or in scalar code. The hashes below were taken on AVX-512 hardware; .ci/run repeats
/// the Parity category with SIMD turned off (DOTNET_EnableHWIntrinsic=0), where the scalar loop must give them again.
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
