namespace Kws.Host.Cli;

/// <summary>An input the user named cannot be used (missing file, not a WAV, bad manifest): exit code 1, one line on stderr.</summary>
internal sealed class InputException(string message) : Exception(message);
