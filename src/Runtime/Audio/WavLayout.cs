namespace Kws.Runtime.Audio;

/// <summary>Where a WAV file's audio is: its format and the byte range of its "data" chunk, checked but not decoded.</summary>
public readonly record struct WavLayout(WavFormat Format, int DataOffset, int DataLength)
{
    /// <summary>Whole frames in the data chunk.</summary>
    public int Frames => DataLength / Format.FrameBytes;
}
