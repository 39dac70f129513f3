namespace Kws.Runtime;

/// <summary>
/// A keyword-spotting model ready to run, whichever engine runs it: the interpreter (<see cref="Interpretation.InterpretedModel"/>,
/// from a manifest at run time) or a class the source generator emitted from the same manifest at build time. Both give bit-identical
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

    /// <summary>
    /// Bytes of weights and constants the engine holds for this model, as the engine lays them out: the interpreter
    /// counts <see cref="ModelFootprint.WeightBytes"/>; generated code counts its tables in the image, which pad output
    /// channels to whole vectors and add the constants of each SIMD path (so it reports somewhat more).
    /// </summary>
    long WeightBytes { get; }

    /// <summary>Bytes of scratch (activation) memory one inference uses, like a TFLite Micro arena size.</summary>
    int ScratchBytes { get; }

    /// <summary>The SIMD path the engine takes on this machine right now, one of <see cref="Simd.SimdPath"/>'s names: "AvxVnni", "Avx512BW", "Avx2", "Sse41", "AdvSimdDp", "AdvSimd", "Scalar".</summary>
    string SimdPath { get; }

    /// <summary>Runs one inference: <paramref name="samples"/> holds exactly <see cref="InputLength"/> mono samples in [-1, 1]; writes one log-probability per label.</summary>
    void Infer(ReadOnlySpan<float> samples, Span<float> logProbs);
}
