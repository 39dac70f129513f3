using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Kws.Runtime.Manifest
{
    /// <summary>
    /// A strict RFC 8259 JSON parser that records line and column of every value. Limits (depth, value count, duplicate
    /// keys) are checked as it goes, so that a hostile manifest gives a <see cref="ManifestException"/>, never a stack
    /// overflow, and costs no more memory than a valid one of its size (docs/limits.md).
    /// </summary>
    public sealed class JsonParser
    {
        /// <summary>Arrays and objects nest at most this deep (a manifest nests 4 deep).</summary>
        public const int MaxDepth = 64;

        /// <summary>
        /// Values in one document at most (the bundled int8 manifest has 725: a few per layer, one scale and zero point
        /// per output channel, one per label). Each costs about 150 bytes parsed, so 8 M one-digit numbers in 16 MB of
        /// text would take 1.3 GB and 40 s; the bound keeps the tree under about 15 MB.
        /// </summary>
        public const int MaxValues = 100_000;

        private readonly string _text;
        private int _values;
        private int _pos;
        private int _line = 1;
        private int _lineStart;

        private JsonParser(string text) => _text = text;

        /// <summary>Parses one JSON document; <see cref="ManifestException"/> with the position on any error.</summary>
        public static JsonValue Parse(string text)
        {
            var parser = new JsonParser(text);
            parser.SkipWhitespace();
            var value = parser.ParseValue(0);
            parser.SkipWhitespace();
            if (parser._pos != text.Length)
            {
                throw parser.Error("unexpected text after the end of the JSON document");
            }
            return value;
        }

        private ManifestException Error(string message) =>
            new ManifestException("malformed JSON: " + message, _line, _pos - _lineStart + 1, ManifestProblem.MalformedJson);

        private void SkipWhitespace()
        {
            while (_pos < _text.Length)
            {
                char c = _text[_pos];
                if (c == '\n')
                {
                    _line++;
                    _lineStart = _pos + 1;
                }
                else if (c != ' ' && c != '\t' && c != '\r')
                {
                    return;
                }
                _pos++;
            }
        }

        private JsonValue ParseValue(int depth)
        {
            if (depth > MaxDepth)
            {
                throw Error($"nesting deeper than {MaxDepth} levels");
            }
            if (++_values > MaxValues)
            {
                throw Error($"more than {MaxValues} values, which no manifest needs");
            }
            if (_pos >= _text.Length)
            {
                throw Error("unexpected end of text");
            }
            int line = _line, column = _pos - _lineStart + 1;
            char c = _text[_pos];
            switch (c)
            {
                case '{': return ParseObject(depth, line, column);
                case '[': return ParseArray(depth, line, column);
                case '"': return new JsonValue(JsonKind.String, line, column) { Text = ParseString() };
                case 't': ExpectWord("true"); return new JsonValue(JsonKind.Boolean, line, column) { Boolean = true };
                case 'f': ExpectWord("false"); return new JsonValue(JsonKind.Boolean, line, column);
                case 'n': ExpectWord("null"); return new JsonValue(JsonKind.Null, line, column);
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        return new JsonValue(JsonKind.Number, line, column) { Text = ParseNumber() };
                    }
                    throw Error($"unexpected character '{c}'");
            }
        }

        private void ExpectWord(string word)
        {
            if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0)
            {
                throw Error($"expected '{word}'");
            }
            _pos += word.Length;
        }

        private JsonValue ParseObject(int depth, int line, int column)
        {
            var result = new JsonValue(JsonKind.Object, line, column);
            var seen = new HashSet<string>();
            _pos++;
            SkipWhitespace();
            if (Peek() == '}')
            {
                _pos++;
                return result;
            }
            while (true)
            {
                SkipWhitespace();
                if (Peek() != '"')
                {
                    throw Error("expected a property name in double quotes");
                }
                string name = ParseString();
                if (!seen.Add(name))
                {
                    throw Error($"duplicate property \"{name}\"");
                }
                SkipWhitespace();
                if (Peek() != ':')
                {
                    throw Error("expected ':' after a property name");
                }
                _pos++;
                SkipWhitespace();
                result.Members.Add(new KeyValuePair<string, JsonValue>(name, ParseValue(depth + 1)));
                SkipWhitespace();
                char next = Peek();
                _pos++;
                if (next == '}')
                {
                    return result;
                }
                if (next != ',')
                {
                    _pos--;
                    throw Error("expected ',' or '}' in an object");
                }
            }
        }

        private JsonValue ParseArray(int depth, int line, int column)
        {
            var result = new JsonValue(JsonKind.Array, line, column);
            _pos++;
            SkipWhitespace();
            if (Peek() == ']')
            {
                _pos++;
                return result;
            }
            while (true)
            {
                SkipWhitespace();
                result.Items.Add(ParseValue(depth + 1));
                SkipWhitespace();
                char next = Peek();
                _pos++;
                if (next == ']')
                {
                    return result;
                }
                if (next != ',')
                {
                    _pos--;
                    throw Error("expected ',' or ']' in an array");
                }
            }
        }

        private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

        private string ParseString()
        {
            _pos++; // opening quote
            // Most strings (base64 tensors above all) have no escape: one copy, not a character-by-character build.
            int end = _pos;
            while (end < _text.Length && _text[end] != '"' && _text[end] != '\\' && _text[end] >= ' ') end++;
            if (end < _text.Length && _text[end] == '"')
            {
                string plain = _text.Substring(_pos, end - _pos);
                _pos = end + 1;
                return CheckSurrogates(plain);
            }
            var builder = new StringBuilder();
            while (true)
            {
                if (_pos >= _text.Length)
                {
                    throw Error("unterminated string");
                }
                char c = _text[_pos++];
                if (c == '"')
                {
                    return CheckSurrogates(builder.ToString());
                }
                if (c < ' ')
                {
                    throw Error("control character inside a string");
                }
                if (c != '\\')
                {
                    builder.Append(c);
                    continue;
                }
                char escape = Peek();
                _pos++;
                switch (escape)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        if (_pos + 4 > _text.Length ||
                            !int.TryParse(_text.Substring(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                        {
                            throw Error("bad \\u escape");
                        }
                        builder.Append((char)code);
                        _pos += 4;
                        break;
                    default:
                        throw Error("bad escape sequence in a string");
                }
            }
        }

        /// <summary>
        /// A string whose \u escapes (or text) leave a surrogate unpaired is not Unicode text: UTF-8 cannot encode it, so
        /// the content hash and a kwsc rewrite would see U+FFFD where the manifest says something else. Refused.
        /// </summary>
        private string CheckSurrogates(string value)
        {
            for (int i = 0; i < value.Length; i++)
            {
                if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(value[i]))
                {
                    throw Error($"a string holds an unpaired surrogate (U+{(int)value[i]:X4}), which is not Unicode text");
                }
            }
            return value;
        }

        private string ParseNumber()
        {
            int start = _pos;
            if (Peek() == '-')
            {
                _pos++;
            }
            if (!IsDigit(Peek()))
            {
                throw Error("bad number");
            }
            if (Peek() == '0')
            {
                _pos++;
            }
            else
            {
                while (IsDigit(Peek())) _pos++;
            }
            if (Peek() == '.')
            {
                _pos++;
                if (!IsDigit(Peek())) throw Error("bad number: digits expected after '.'");
                while (IsDigit(Peek())) _pos++;
            }
            if (Peek() == 'e' || Peek() == 'E')
            {
                _pos++;
                if (Peek() == '+' || Peek() == '-') _pos++;
                if (!IsDigit(Peek())) throw Error("bad number: digits expected in the exponent");
                while (IsDigit(Peek())) _pos++;
            }
            return _text.Substring(start, _pos - start);
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';
    }
}
