using Kws.Runtime.Audio;

namespace Kws.Runtime.Detection;

/// <summary>
/// Finds keywords in a whole recording through the streaming core (<see cref="StreamingDetector"/>), so a file, a
/// signal in memory and a live stream of the same audio give the same detections.
/// </summary>
public sealed class KeywordDetector
{
    private readonly IKeywordModel model;
    private readonly DetectorOptions options;

    /// <summary>A detector running <paramref name="model"/> with <paramref name="options"/> (the documented defaults when null).</summary>
    public KeywordDetector(IKeywordModel model, DetectorOptions? options = null)
    {
        this.model = model;
        this.options = options ?? new DetectorOptions();
        this.options.Validate();
    }

    /// <summary>Reads the WAV file a piece at a time: memory does not grow with its length.</summary>
    public IReadOnlyList<Detection> DetectFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new WavFormatException($"{path}: no such file");
        }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            return Detect(AudioStreamReader.OpenWav(stream));
        }
        catch (WavFormatException e)
        {
            throw new WavFormatException($"{path}: {e.Message}");
        }
    }

    /// <summary>Every detection in the audio <paramref name="reader"/> delivers, to its end.</summary>
    public IReadOnlyList<Detection> Detect(AudioStreamReader reader, double maxSeconds = double.PositiveInfinity)
    {
        var detections = new List<Detection>();
        Listen(reader, detections.Add, maxSeconds);
        return detections;
    }

    /// <summary>
    /// Reads <paramref name="reader"/> to its end, reporting each detection as soon as it is decided. A recording
    /// longer than <paramref name="maxSeconds"/> is a <see cref="WavFormatException"/>, before any work when its
    /// header says so. Returns the seconds of audio read.
    /// </summary>
    public double Listen(AudioStreamReader reader, Action<Detection> found, double maxSeconds = double.PositiveInfinity)
    {
        int rate = reader.Format.SampleRate;
        if (reader.DeclaredFrames is long declared && (double)declared / rate > maxSeconds)
        {
            throw new WavFormatException($"the recording lasts {declared / (double)rate / 3600:0.#} hours, more than the {maxSeconds / 3600:0.#} hours this command reads");
        }
        var detector = new StreamingDetector(model, rate, found, options);
        var samples = new float[reader.MaxFramesPerRead];
        int frames;
        while ((frames = reader.Read(samples)) > 0)
        {
            if ((double)reader.FramesRead / rate > maxSeconds)
            {
                throw new WavFormatException($"the recording lasts more than the {maxSeconds / 3600:0.#} hours this command reads");
            }
            detector.Write(samples.AsSpan(0, frames));
        }
        detector.Finish();
        return detector.Seconds;
    }

    /// <summary>Detects keywords in mono samples already at the model's sample rate.</summary>
    public IReadOnlyList<Detection> Detect(ReadOnlySpan<float> signal)
    {
        var detections = new List<Detection>();
        var detector = new StreamingDetector(model, model.SampleRate, detections.Add, options);
        detector.Write(signal);
        detector.Finish();
        return detections;
    }
}
