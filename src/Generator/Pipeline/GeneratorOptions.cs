namespace Kws.Generator.Pipeline
{
    /// <summary>
    /// What the consuming project decides about the generated code: whether it allows unsafe code (which
    /// [SkipLocalsInit] needs) and the namespace of the model classes and the registry (<see cref="NamespaceOption"/>;
    /// a manifest may choose its own). Equatable, so a model is re-emitted only when its manifest or these options change.
    /// </summary>
    internal sealed record GeneratorOptions(bool AllowsUnsafe, string Namespace)
    {
        public const string DefaultNamespace = "Kws.Generated";
    }
}
