using System.Collections.Generic;

namespace Kws.Runtime.Manifest
{
    /// <summary>Kinds of value in the small JSON document model the manifest reader uses.</summary>
    public enum JsonKind { Null, Boolean, Number, String, Array, Object }

    /// <summary>
    /// One parsed JSON value with the position where it starts. Hand-written rather than System.Text.Json because this
    /// file is linked into the netstandard2.0 source generator, which must not carry package dependencies.
    /// </summary>
    public sealed class JsonValue
    {
        internal JsonValue(JsonKind kind, int line, int column)
        {
            Kind = kind;
            Line = line;
            Column = column;
        }

        public JsonKind Kind { get; }
        public int Line { get; }
        public int Column { get; }

        /// <summary>The string's text, or a number's literal text exactly as written.</summary>
        public string Text { get; internal set; } = "";
        public bool Boolean { get; internal set; }
        public List<JsonValue> Items { get; } = new List<JsonValue>();

        /// <summary>Object members in document order.</summary>
        public List<KeyValuePair<string, JsonValue>> Members { get; } = new List<KeyValuePair<string, JsonValue>>();

        public JsonValue? Find(string name)
        {
            foreach (var member in Members)
            {
                if (member.Key == name)
                {
                    return member.Value;
                }
            }
            return null;
        }
    }
}
