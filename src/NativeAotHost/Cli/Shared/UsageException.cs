namespace Kws.Cli;

/// <summary>The command line itself is wrong (unknown option, missing argument): exit code 2, one line on stderr.</summary>
public sealed class UsageException(string message) : Exception(message);
