using Kws.Runtime;

namespace Kws.Host.Audio;

/// <summary>
/// WAV bytes to the model's input through the Runtime's audio front end (mono mix, resample to the model's rate,
/// pad or cut): the same path the PyTorch references took.
/// </summary>
internal static class ModelInput
{
    /// <summary>Fills <paramref name="input"/> (<see cref="IKeywordModel.InputLength"/> samples) from a WAV file's bytes.</summary>
    public static void FromWav(byte[] wav, string display, IKeywordModel model, Span<float> input) =>
        throw new NotSupportedException($"the audio front end is not wired in yet (runtime issue): {display} {wav.Length} {model.Name} {input.Length}");
}
