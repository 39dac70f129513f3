namespace Kws.Cli;

/// <summary>An input the user named cannot be used (missing file, not a WAV, bad manifest): exit code 1, one line on stderr.</summary>
public sealed class InputException(string message) : Exception(message);
