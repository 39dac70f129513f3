using System.Text;
using Kws.Runtime.Manifest;

namespace Kws.Runtime.Tests.Manifest;

/// <summary>
/// The manifest reader's bounds (docs/limits.md, "Manifest JSON"), each refused before the work it bounds with one
/// <see cref="ManifestException"/>, and what the fuzzer found in it (docs/limits.md, "Fuzzing").
/// </summary>
public sealed class ManifestLimitsTests
{
    private static readonly string Valid = ManifestWriter.Write(ManifestRoundTripTests.TinyInt8Model());

    [Test]
    public void Text_over_the_limit_is_refused_before_parsing()
    {
        string text = "{" + new string(' ', ManifestReader.MaxTextLength) + "}";
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<ManifestException>(() => ManifestReader.Read(text))!;
        Assert.That(e.Message, Does.Contain($"larger than {ManifestReader.MaxTextLength / (1024 * 1024)} MB"));
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(1 << 16), "nothing parsed");
    }

    [Test]
    public void Bytes_over_the_limit_are_refused_before_decoding()
    {
        var e = Assert.Throws<ManifestException>(() => ManifestReader.Decode(new byte[ManifestReader.MaxBytes + 1]))!;
        Assert.That(e.Message, Does.Contain("larger than"));
    }

    [Test]
    public void More_values_than_the_limit_are_refused_as_they_are_counted()
    {
        // 16 KB of text per 8,000 values: the count, not the size, is what stops it.
        string text = "[" + string.Join(",", Enumerable.Repeat("0", JsonParser.MaxValues)) + "]";
        var e = Assert.Throws<ManifestException>(() => ManifestReader.Read(text))!;
        Assert.That(e.Message, Does.Contain($"more than {JsonParser.MaxValues} values"));
        Assert.That(() => JsonParser.Parse("[" + string.Join(",", Enumerable.Repeat("0", JsonParser.MaxValues - 1)) + "]"), Throws.Nothing);
    }

    [Test]
    public void Nesting_deeper_than_the_limit_is_refused() =>
        Assert.That(() => JsonParser.Parse(new string('[', JsonParser.MaxDepth + 2) + new string(']', JsonParser.MaxDepth + 2)),
            Throws.TypeOf<ManifestException>().With.Message.Contains($"nesting deeper than {JsonParser.MaxDepth} levels"));

    [Test]
    public void A_long_number_is_quoted_in_part()
    {
        string text = "{\"format\": \"kws-manifest\", \"formatVersion\": " + new string('9', 100_000) + "}";
        var e = Assert.Throws<ManifestException>(() => ManifestReader.Read(text))!;
        Assert.That(e.Message, Has.Length.LessThan(200).And.Contain("(100000 characters)"));
    }

    [Test]
    public void Bytes_that_are_not_UTF8_are_refused_and_a_BOM_is_dropped()
    {
        Assert.That(() => ManifestReader.Decode([(byte)'{', 0xE9, (byte)'}']),
            Throws.TypeOf<ManifestException>().With.Message.Contains("not UTF-8"));
        Assert.That(ManifestReader.Read(ManifestReader.Decode([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Valid)])).Name, Is.EqualTo("Tiny"));
    }

    [Test]
    public void Strings_with_and_without_escapes_read_the_same()
    {
        JsonValue value = JsonParser.Parse("[\"plain text\", \"pla\\u0069n t\\u0065xt\", \"\\ud83d\\ude00\", \"\U0001F600\"]");
        Assert.That(value.Items.Select(i => i.Text), Is.EqualTo(new[] { "plain text", "plain text", "\U0001F600", "\U0001F600" }));
    }

    /// <summary>
    /// Fuzz finding (manifest target): a label of \u escapes that leave a surrogate unpaired was accepted, but UTF-8 has
    /// no such character: the content hash, kws's output and a rewrite of the manifest all saw U+FFFD instead, so the
    /// manifest did not write back to the text it was read from.
    /// </summary>
    [TestCase("\\ud800")]
    [TestCase("\\udc00")]
    [TestCase("a\\ud800b")]
    [TestCase("\\ud800\\udfff\\udc00")]
    public void Fuzz_finding_a_label_with_an_unpaired_surrogate_is_refused(string escapes)
    {
        string text = Valid.Replace("\"b\"", "\"" + escapes + "\"", StringComparison.Ordinal);
        Assert.That(text, Is.Not.EqualTo(Valid));
        var e = Assert.Throws<ManifestException>(() => ManifestReader.Read(text))!;
        Assert.That(e.Message, Does.Contain("unpaired surrogate"));
    }
}
