using Kws.Runtime;
using Kws.Runtime.Audio;

namespace Kws.Host.Audio;

/// <summary>
/// WAV bytes to the model's input through the Runtime's <see cref="AudioFrontEnd"/> (mono mix, resample to the
/// model's rate, pad or cut: the path the PyTorch references took), with a bad WAV reported as one input error.
/// </summary>
internal sealed class ModelInput(IKeywordModel model)
{
    private readonly AudioFrontEnd _frontEnd = new(model);

    /// <summary>Fills <paramref name="input"/> (<see cref="IKeywordModel.InputLength"/> samples) from the WAV file named <paramref name="path"/>.</summary>
    public void Read(string path, Span<float> input)
    {
        byte[] bytes = AudioFile.ReadAllBytes(path);
        try
        {
            _frontEnd.Prepare(bytes, input);
        }
        catch (WavFormatException e)
        {
            throw new InputException($"{AudioFile.Display(path)}: {e.Message}");
        }
    }
}
