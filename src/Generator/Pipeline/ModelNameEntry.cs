namespace Kws.Generator.Pipeline
{
    /// <summary>A model name, the manifest that declares it and its namespace: the only cross-manifest facts (duplicate names, the registry).</summary>
    internal sealed record ModelNameEntry(string Name, string Path, string Namespace = GeneratorOptions.DefaultNamespace) : System.IComparable<ModelNameEntry>
    {
        public int CompareTo(ModelNameEntry? other)
        {
            if (other is null)
            {
                return 1;
            }
            int byName = string.CompareOrdinal(Name, other.Name);
            return byName != 0 ? byName : string.CompareOrdinal(Path, other.Path);
        }
    }
}
