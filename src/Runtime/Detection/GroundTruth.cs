using System.Text.Json;
using Kws.Runtime.Files;

namespace Kws.Runtime.Detection;

/// <summary>A word spoken in a long recording, from its start to its end in seconds.</summary>
public sealed record SpokenWord(string Word, double Start, double End);

/// <summary>
/// The words spoken in a labelled long recording, read from a JSON file of the form of models/samples/long/*.json:
/// <c>{"words": [{"word": "yes", "start": 1.2, "end": 1.7}, ...]}</c>.
/// </summary>
public static class GroundTruth
{
    /// <summary>Ground-truth files larger than this are refused (a word takes about 50 bytes).</summary>
    public const long MaxBytes = 16L * 1024 * 1024;

    /// <summary>The words of a ground-truth file, in order; an unreadable or malformed file is an <see cref="InvalidDataException"/>.</summary>
    public static IReadOnlyList<SpokenWord> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: no such file");
        }
        // Bounded while it is read, not only by the length a regular file states: --truth /dev/zero read forever.
        byte[] bytes;
        try
        {
            bytes = BoundedFile.ReadAllBytes(path, MaxBytes, "a ground-truth file");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot be read ({e.Message})", e);
        }
        try
        {
            using JsonDocument document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 8 });
            var words = new List<SpokenWord>();
            foreach (JsonElement word in document.RootElement.GetProperty("words").EnumerateArray())
            {
                words.Add(new SpokenWord(word.GetProperty("word").GetString() ?? "", word.GetProperty("start").GetDouble(), word.GetProperty("end").GetDouble()));
            }
            return words;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: not a ground-truth file ({{\"words\": [{{\"word\", \"start\", \"end\"}}]}}): {e.Message}");
        }
    }
}

/// <summary>
/// Detections scored against the words really spoken: a detection is a hit when it names a spoken word not already
/// matched and its time falls within <see cref="ToleranceSeconds"/> of that word; other detections are false alarms,
/// and spoken words never matched are misses.
/// </summary>
public sealed record DetectionScore(int Words, int Hits, int FalseAlarms)
{
    /// <summary>How far from a spoken word a detection may be and still count as finding it.</summary>
    public const double ToleranceSeconds = 0.5;

    /// <summary>Spoken words no detection found.</summary>
    public int Misses => Words - Hits;

    /// <summary>Scores <paramref name="detections"/> against the words really <paramref name="spoken"/>.</summary>
    public static DetectionScore Of(IReadOnlyList<Detection> detections, IReadOnlyList<SpokenWord> spoken)
    {
        var matched = new HashSet<SpokenWord>();
        int falseAlarms = 0;
        foreach (Detection d in detections)
        {
            SpokenWord? hit = spoken.FirstOrDefault(w => w.Word == d.Word && !matched.Contains(w)
                && d.Seconds >= w.Start - ToleranceSeconds && d.Seconds <= w.End + ToleranceSeconds);
            if (hit is null)
            {
                falseAlarms++;
            }
            else
            {
                matched.Add(hit);
            }
        }
        return new DetectionScore(spoken.Count, matched.Count, falseAlarms);
    }

    /// <summary>Two scores added, e.g. over several recordings.</summary>
    public static DetectionScore operator +(DetectionScore a, DetectionScore b) =>
        new(a.Words + b.Words, a.Hits + b.Hits, a.FalseAlarms + b.FalseAlarms);
}
