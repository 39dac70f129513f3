namespace Kws.Compiler.Cli;

/// <summary>A command line kwsc cannot act on (unknown command or option, missing argument); exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
