namespace Kws.Generator
{
    /// <summary>
    /// The generator's version as generated code states it ([GeneratedCode] and the header comment): the product
    /// version set once in Directory.Build.props, the same one the packages, kwsc's manifests and --version state.
    /// </summary>
    internal static class GeneratorVersion
    {
        public const string Text = Kws.ProductVersion.Text;
    }
}
