namespace Kws.Runtime.Audio;

/// <summary>The sample encodings the reader decodes, with the scaling torchaudio.load applies to reach [-1, 1].</summary>
public enum WavEncoding
{
    /// <summary>Unsigned 8-bit PCM: (x - 128) / 128.</summary>
    UInt8,

    /// <summary>Signed 16-bit PCM: x / 32768.</summary>
    Int16,

    /// <summary>Signed 24-bit PCM: x / 8388608.</summary>
    Int24,

    /// <summary>Signed 32-bit PCM: x / 2147483648.</summary>
    Int32,

    /// <summary>IEEE float32, as stored.</summary>
    Float32,

    /// <summary>IEEE float64, rounded to float32.</summary>
    Float64,
}
