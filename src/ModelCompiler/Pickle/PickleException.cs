namespace Kws.Compiler.Pickle;

/// <summary>A pickle stream that is malformed, truncated, or asks for something the resolver does not allow.</summary>
public sealed class PickleException(string message) : Exception(message);
