using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Kws.Host.Output;

/// <summary>
/// JSON output through <see cref="Utf8JsonWriter"/>: no serializer, so nothing for Native AOT to trim
/// or warn about, and the shapes (docs/kws.md) are written field by field where a reader can see them.
/// </summary>
internal static class JsonOutput
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // File names and labels are printed as they are, not as \uXXXX escapes; the output is not embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Runs <paramref name="write"/> against a JSON writer and prints what it wrote to <paramref name="output"/>, ending with a newline.</summary>
    public static void Write(TextWriter output, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }
        output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>Writes a float array; non-finite values (log 0 = -Infinity) become null, which JSON can carry.</summary>
    public static void WriteNumbers(Utf8JsonWriter writer, string name, ReadOnlySpan<float> values)
    {
        writer.WriteStartArray(name);
        foreach (float value in values)
        {
            if (float.IsFinite(value))
            {
                writer.WriteNumberValue(value);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
        writer.WriteEndArray();
    }

    public static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (string value in values)
        {
            writer.WriteStringValue(value);
        }
        writer.WriteEndArray();
    }
}
