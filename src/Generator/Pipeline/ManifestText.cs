namespace Kws.Generator.Pipeline
{
    /// <summary>A *.kws.json AdditionalText reduced to plain strings: equal text means nothing to redo.</summary>
    internal sealed record ManifestText(string Path, string Text);
}
