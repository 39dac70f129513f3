namespace Kws.Compiler.Analysis;

/// <summary>Input that <c>kwsc analyze</c> cannot work with (models that do not match, no clips...): one line for the user.</summary>
public sealed class AnalysisException(string message) : Exception(message);
