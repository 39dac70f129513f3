using Kws.Runtime.Manifest;

namespace Kws.Compiler.Analysis;

/// <summary>A WAV file to a model's input samples, through the Runtime's audio front end.</summary>
public static class ModelInputLoader
{
    public static float[] Load(string path, ModelManifest model) =>
        throw new AnalysisException($"cannot read {path} for {model.Name}: the Runtime's audio front end has not landed yet");
}
