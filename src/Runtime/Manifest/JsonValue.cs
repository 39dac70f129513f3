using System.Collections.Generic;

namespace Kws.Runtime.Manifest
{
    /// <summary>Kinds of value in the small JSON document model the manifest reader uses.</summary>
    public enum JsonKind
    {
        /// <summary><c>null</c>.</summary>
        Null,

        /// <summary><c>true</c> or <c>false</c>.</summary>
        Boolean,

        /// <summary>A number, kept as its literal text.</summary>
        Number,

        /// <summary>A string.</summary>
        String,

        /// <summary>An array.</summary>
        Array,

        /// <summary>An object.</summary>
        Object,
    }

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

        /// <summary>What kind of value this is.</summary>
        public JsonKind Kind { get; }

        /// <summary>1-based line where the value starts.</summary>
        public int Line { get; }

        /// <summary>1-based column where the value starts.</summary>
        public int Column { get; }

        /// <summary>The string's text, or a number's literal text exactly as written.</summary>
        public string Text { get; internal set; } = "";

        /// <summary>The value of a boolean.</summary>
        public bool Boolean { get; internal set; }

        /// <summary>Array items in document order.</summary>
        public List<JsonValue> Items { get; } = new List<JsonValue>();

        /// <summary>Object members in document order.</summary>
        public List<KeyValuePair<string, JsonValue>> Members { get; } = new List<KeyValuePair<string, JsonValue>>();

        /// <summary>The value of the object member <paramref name="name"/>, or null when there is none.</summary>
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
