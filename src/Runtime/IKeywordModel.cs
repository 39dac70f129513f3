namespace Kws.Runtime;

/// <summary>
/// A keyword-spotting model ready to run, whichever engine runs it: the interpreter (<c>Interpreter</c>, from a manifest
/// at run time) or a class the source generator emitted from the same manifest at build time. Both give bit-identical
/// results for int8 models. Implementations allocate nothing per call after construction and are not thread-safe
/// (each owns its scratch memory).
/// </summary>
public interface IKeywordModel
{
    /// <summary>The manifest's model name.</summary>
    string Name { get; }

    /// <summary>Class labels, in the order of <see cref="Infer"/>'s output.</summary>
    IReadOnlyList<string> Labels { get; }

    /// <summary>Sample rate the model expects; callers resample to it (see the audio front end).</summary>
    int SampleRate { get; }

    /// <summary>Samples per inference at <see cref="SampleRate"/>.</summary>
    int InputLength { get; }

    /// <summary>Bytes of weights and constants the model holds.</summary>
    long WeightBytes { get; }

    /// <summary>Bytes of scratch (activation) memory one inference uses, like a TFLite Micro arena size.</summary>
    int ScratchBytes { get; }

    /// <summary>The SIMD path the engine takes on this machine right now, e.g. "AvxVnni", "Avx512BW", "Avx2", "Vector128", "AdvSimdDp", "AdvSimd", "Scalar".</summary>
    string SimdPath { get; }

    /// <summary>Runs one inference: <paramref name="samples"/> holds exactly <see cref="InputLength"/> mono samples in [-1, 1]; writes one log-probability per label.</summary>
    void Infer(ReadOnlySpan<float> samples, Span<float> logProbs);
}
