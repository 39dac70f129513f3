using Kws.Runtime.Audio;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Analysis;

/// <summary>WAV files to one model's input samples through the Runtime's audio front end (mono mix, resample, pad or cut).</summary>
public sealed class ModelInputLoader(ModelManifest model)
{
    private readonly AudioFrontEnd frontEnd = new(model.SampleRate, model.InputLength);

    public float[] Load(string path)
    {
        try
        {
            return frontEnd.PrepareFile(path);
        }
        catch (WavFormatException e)
        {
            // The reader's messages usually name the file already.
            throw new AnalysisException(e.Message.Contains(path, StringComparison.Ordinal) ? e.Message : $"{path}: {e.Message}");
        }
    }
}
