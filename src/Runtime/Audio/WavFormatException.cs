namespace Kws.Runtime.Audio;

/// <summary>A file that is not a WAV file the reader supports, or one whose headers contradict themselves or its length.</summary>
public sealed class WavFormatException : Exception
{
    public WavFormatException(string message) : base(message)
    {
    }
}
