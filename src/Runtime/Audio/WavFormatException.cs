namespace Kws.Runtime.Audio;

/// <summary>A file that is not a WAV file the reader supports, or one whose headers contradict themselves or its length.</summary>
public sealed class WavFormatException : Exception
{
    /// <summary>A WAV problem described by <paramref name="message"/>.</summary>
    public WavFormatException(string message) : base(message)
    {
    }
}
