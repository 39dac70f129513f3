namespace Kws.Generator.Pipeline
{
    /// <summary>
    /// What one manifest turns into: the model's name, namespace and generated source when it could be read, and the
    /// diagnostics found on the way. Plain strings and equatable arrays, so an unchanged manifest is a cached value.
    /// </summary>
    internal sealed record GeneratedModel(string Path, string? ModelName, string? Source, EquatableArray<DiagnosticInfo> Diagnostics,
        string Namespace = GeneratorOptions.DefaultNamespace);
}
