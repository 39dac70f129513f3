namespace Kws.Generator
{
    /// <summary>
    /// The generator's version as generated code states it ([GeneratedCode] and the header comment): the assembly
    /// version, which Directory.Build.props sets for every project, without a build suffix.
    /// </summary>
    internal static class GeneratorVersion
    {
        public static string Text { get; } = Format(typeof(GeneratorVersion).Assembly.GetName().Version);

        private static string Format(System.Version? version) =>
            version is null ? "0.0.0" : $"{version.Major}.{version.Minor}.{System.Math.Max(version.Build, 0)}";
    }
}
