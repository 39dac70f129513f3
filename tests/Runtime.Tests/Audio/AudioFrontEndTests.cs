using Kws.Runtime.Audio;

namespace Kws.Runtime.Tests.Audio;

/// <summary>WAV to model input: decode, resample to the model rate, pad or cut.</summary>
public class AudioFrontEndTests
{
    [Test]
    public void ShortInputAtTheModelRateIsZeroPadded()
    {
        var frontEnd = new AudioFrontEnd(8000, 6);
        var input = new float[6];
        frontEnd.Prepare(WavBuilder.Pcm16(8000, 1, 16384, -16384, 8192), input);
        Assert.That(input, Is.EqualTo(new[] { 0.5f, -0.5f, 0.25f, 0f, 0f, 0f }));
    }

    [Test]
    public void LongInputKeepsItsBeginning()
    {
        var frontEnd = new AudioFrontEnd(8000, 2);
        var input = new float[2];
        frontEnd.Prepare(WavBuilder.Pcm16(8000, 2, 16384, 16384, -16384, 0, 100, 100), input);
        Assert.That(input, Is.EqualTo(new[] { 0.5f, -0.25f }));
    }

    [Test]
    public void OtherRatesGoThroughTheTorchaudioResampler()
    {
        float[] signal = SincResamplerTests.Signal(16000, 3);
        var frontEnd = new AudioFrontEnd(8000, 8000);
        var input = new float[8000];
        frontEnd.Prepare(signal, 16000, input);
        Assert.That(input, Is.EqualTo(new SincResampler(16000, 8000).Resample(signal)));
    }

    [Test]
    public void BadWavIsAWavFormatException()
    {
        var frontEnd = new AudioFrontEnd(8000, 8000);
        Assert.Throws<WavFormatException>(() => frontEnd.Prepare("not audio"u8, new float[8000]));
    }
}
