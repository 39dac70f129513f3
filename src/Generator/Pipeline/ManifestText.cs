namespace Kws.Generator.Pipeline
{
    /// <summary>
    /// A *.kws.json AdditionalText reduced to plain strings: equal text means nothing to redo. <paramref name="Namespace"/>
    /// is the manifest's own namespace (KwsModel metadata), null when it takes the project's.
    /// </summary>
    internal sealed record ManifestText(string Path, string Text, string? Namespace = null);
}
