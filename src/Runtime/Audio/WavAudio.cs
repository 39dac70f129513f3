namespace Kws.Runtime.Audio;

/// <summary>A decoded WAV file: mono samples in [-1, 1] (channels averaged, as the reference pipeline does) and what the header said.</summary>
public sealed record WavAudio(float[] Samples, int SampleRate, int Channels, WavEncoding Encoding)
{
    /// <summary>Duration in seconds.</summary>
    public double Seconds => (double)Samples.Length / SampleRate;
}
