namespace Kws.Compiler.Tests.Support;

/// <summary>The input make_fixtures.py's references are computed for (its reference_input).</summary>
internal static class FixtureInput
{
    /// <summary>Integer arithmetic, then one correctly rounded float32 division, so C# rebuilds it exactly.</summary>
    public static float[] Of(int length) =>
        Enumerable.Range(0, length).Select(t => (long)t * 7919 % 2001 - 1000).Select(k => k / 1000f).ToArray();
}
