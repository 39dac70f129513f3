using System;

namespace Kws.Runtime.Manifest
{
    /// <summary>
    /// A manifest that cannot be used: malformed JSON, a missing or inconsistent field, a tampered hash.
    /// Carries the 1-based line and column of the offending text when known, so the generator can point at it.
    /// </summary>
    public sealed class ManifestException : Exception
    {
        public ManifestException(string message, int line = 0, int column = 0)
            : base(line > 0 ? $"{message} (line {line}, column {column})" : message)
        {
            Detail = message;
            Line = line;
            Column = column;
        }

        /// <summary>The message without the position suffix.</summary>
        public string Detail { get; }

        /// <summary>1-based line of the problem, or 0 when it concerns the manifest as a whole.</summary>
        public int Line { get; }

        /// <summary>1-based column of the problem, or 0 when unknown.</summary>
        public int Column { get; }
    }
}
