namespace Kws.Runtime.Detection;

/// <summary>A keyword found in a recording: the word, when (seconds from the start, centre of the best window) and the smoothed score.</summary>
public sealed record Detection(string Word, double Seconds, float Score);
