using Kws.Compiler.Analysis;
using Kws.Compiler.Cli;
using Kws.Runtime.Audio;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Quantization.Calibration;

/// <summary>
/// The WAV files of a folder (<see cref="ClipFolder"/>'s layout and order: <c>&lt;dir&gt;/&lt;label&gt;/*.wav</c> labelled,
/// <c>&lt;dir&gt;/*.wav</c> not) as one model's input, read on every core. Clips of another rate, channel count or length
/// go through the Runtime's front end exactly as <c>kws</c> feeds them (mono mix, torchaudio's resampler, zero-pad or cut).
/// </summary>
public static class ClipLoader
{
    public static IReadOnlyList<AnalysisClip> Load(string directory, ModelManifest model, ProgressBar? progress = null)
    {
        IReadOnlyList<(string Path, string? Label)> files = ClipFolder.List(directory);
        var clips = new AnalysisClip[files.Count];
        var errors = new string?[files.Count];
        var shared = new ConcurrentProgress(progress);
        shared.Start("reading clips", files.Count);
        Parallel.For(0, files.Count, () => new AudioFrontEnd(model.SampleRate, model.InputLength), (i, _, frontEnd) =>
        {
            (string path, string? label) = files[i];
            try
            {
                clips[i] = new AnalysisClip(Path.GetRelativePath(directory, path), label, frontEnd.PrepareFile(path));
            }
            catch (WavFormatException e)
            {
                errors[i] = e.Message.Contains(path, StringComparison.Ordinal) ? e.Message : $"{path}: {e.Message}";
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors[i] = $"{path}: {e.Message}";
            }
            shared.Advance();
            return frontEnd;
        }, _ => { });
        // The first bad file in folder order, whichever thread met it first.
        if (errors.FirstOrDefault(e => e is not null) is string error)
        {
            throw new CalibrationException(error);
        }
        return clips;
    }
}
