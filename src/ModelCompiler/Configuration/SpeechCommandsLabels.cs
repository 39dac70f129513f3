namespace Kws.Compiler.Configuration;

/// <summary>The 35 words of Speech Commands v2, sorted as the seed's training code sorts them: the default labels.</summary>
public static class SpeechCommandsLabels
{
    public static IReadOnlyList<string> V2Sorted { get; } =
    [
        "backward", "bed", "bird", "cat", "dog", "down", "eight", "five", "follow", "forward", "four", "go", "happy",
        "house", "learn", "left", "marvin", "nine", "no", "off", "on", "one", "right", "seven", "sheila", "six", "stop",
        "three", "tree", "two", "up", "visual", "wow", "yes", "zero",
    ];
}
