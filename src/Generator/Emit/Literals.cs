using System.Globalization;
using System.Text;

namespace Kws.Generator.Emit
{
    /// <summary>
    /// C# literals in the invariant culture, so the generated source is identical on every machine and culture
    /// (a culture whose minus sign is U+2212 must not leak into the code).
    /// </summary>
    internal static class Literals
    {
        public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

        public static string Long(long value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>A float literal that parses back to exactly the same float ("R" round trip, then an f suffix).</summary>
        public static string Float(float value)
        {
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            return text + "f";
        }

        public static string Double(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        public static string String(string value)
        {
            var b = new StringBuilder("\"");
            foreach (char c in value)
            {
                if (c == '"' || c == '\\') b.Append('\\').Append(c);
                else if (c < ' ' || c > '~') b.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                else b.Append(c);
            }
            return b.Append('"').ToString();
        }

        /// <summary>
        /// <paramref name="count"/> values as an array initializer in braces, wrapped every <paramref name="perLine"/>
        /// items with the given indent; <paramref name="element"/> writes the value at an index.
        /// </summary>
        public static string Collection(int count, System.Func<int, string> element, int perLine, string indent)
        {
            var b = new StringBuilder("{");
            for (int i = 0; i < count; i++)
            {
                if (i % perLine == 0)
                {
                    b.Append('\n').Append(indent);
                }
                else
                {
                    b.Append(' ');
                }
                b.Append(element(i)).Append(',');
            }
            if (count > 0)
            {
                b.Append('\n').Append(indent.Substring(0, indent.Length - 4));
            }
            return b.Append('}').ToString();
        }
    }
}
