namespace Kws.Runtime.Audio;

/// <summary>How a WAV file's (or a raw stream's) samples are laid out: encoding, interleaved channels and rate.</summary>
public readonly record struct WavFormat(WavEncoding Encoding, int Channels, int SampleRate)
{
    /// <summary>Bytes of one sample of one channel.</summary>
    public int BytesPerSample => Encoding switch
    {
        WavEncoding.UInt8 => 1,
        WavEncoding.Int16 => 2,
        WavEncoding.Int24 => 3,
        WavEncoding.Int32 or WavEncoding.Float32 => 4,
        _ => 8,
    };

    /// <summary>Bytes of one frame: a sample of every channel.</summary>
    public int FrameBytes => Channels * BytesPerSample;

    /// <summary>True for IEEE float samples, which may hold NaN or infinities the reader refuses.</summary>
    public bool IsFloat => Encoding is WavEncoding.Float32 or WavEncoding.Float64;
}
