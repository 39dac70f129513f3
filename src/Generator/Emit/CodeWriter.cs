using System.Text;

namespace Kws.Generator.Emit
{
    /// <summary>
    /// Builds C# text with four-space indentation and "\n" line ends, the same on every machine. A line holding
    /// several lines (a table literal) is indented line by line; blank lines carry no spaces.
    /// </summary>
    internal sealed class CodeWriter
    {
        private readonly StringBuilder _text = new StringBuilder();
        private int _depth;

        public CodeWriter Line(string line = "")
        {
            foreach (string part in line.Split('\n'))
            {
                if (part.Length > 0)
                {
                    _text.Append(' ', _depth * 4).Append(part);
                }
                _text.Append('\n');
            }
            return this;
        }

        public CodeWriter Open(string line)
        {
            Line(line);
            Line("{");
            _depth++;
            return this;
        }

        public CodeWriter Close(string suffix = "")
        {
            _depth--;
            return Line("}" + suffix);
        }

        public override string ToString() => _text.ToString();
    }
}
