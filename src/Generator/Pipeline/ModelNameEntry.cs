namespace Kws.Generator.Pipeline
{
    /// <summary>A model name and the manifest that declares it: the only cross-manifest fact (duplicate names, the registry).</summary>
    internal sealed record ModelNameEntry(string Name, string Path) : System.IComparable<ModelNameEntry>
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
