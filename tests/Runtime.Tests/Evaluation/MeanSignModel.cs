namespace Kws.Runtime.Tests.Evaluation;

/// <summary>
/// A stand-in model for testing what is built on models: it says "up" when the window's mean is clearly positive,
/// "down" when clearly negative, and is unsure (uniform) otherwise. 8 kHz, 1 s windows.
/// </summary>
internal sealed class MeanSignModel : IKeywordModel
{
    public string Name => "MeanSign";
    public IReadOnlyList<string> Labels { get; } = ["down", "other", "up"];
    public int SampleRate => 8000;
    public int InputLength => 8000;
    public long WeightBytes => 0;
    public int ScratchBytes => 0;
    public string SimdPath => "Scalar";

    public void Infer(ReadOnlySpan<float> samples, Span<float> logProbs)
    {
        float mean = 0;
        foreach (float x in samples)
        {
            mean += x;
        }
        mean /= samples.Length;
        float down = mean < -0.1f ? 0.9f : mean > 0.1f ? 0.05f : 1 / 3f;
        float up = mean > 0.1f ? 0.9f : mean < -0.1f ? 0.05f : 1 / 3f;
        logProbs[0] = MathF.Log(down);
        logProbs[1] = MathF.Log(1 - down - up);
        logProbs[2] = MathF.Log(up);
    }
}
