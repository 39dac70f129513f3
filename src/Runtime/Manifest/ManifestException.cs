using System;

namespace Kws.Runtime.Manifest
{
    /// <summary>
    /// A manifest that cannot be used: malformed JSON, a missing or inconsistent field, a tampered hash. Says which
    /// kind of problem it is (<see cref="Problem"/>: the generator turns it into a diagnostic ID) and carries the
    /// 1-based line and column of the offending text when known, so tools can point at it.
    /// </summary>
    public sealed class ManifestException : Exception
    {
        /// <summary>A manifest problem: <paramref name="message"/>, where it is (1-based; 0 when unknown) and which kind.</summary>
        public ManifestException(string message, int line = 0, int column = 0, ManifestProblem problem = ManifestProblem.InconsistentModel)
            : base(line > 0 ? $"{message} (line {line}, column {column})" : message)
        {
            Detail = message;
            Line = line;
            Column = column;
            Problem = problem;
        }

        /// <summary>The message without the position suffix.</summary>
        public string Detail { get; }

        /// <summary>1-based line of the problem, or 0 when it concerns the manifest as a whole.</summary>
        public int Line { get; }

        /// <summary>1-based column of the problem, or 0 when unknown.</summary>
        public int Column { get; }

        /// <summary>Which kind of problem it is.</summary>
        public ManifestProblem Problem { get; }
    }

    /// <summary>The kinds of manifest problem, each with its own generator diagnostic (KWS0001-KWS0005).</summary>
    public enum ManifestProblem
    {
        /// <summary>The text is not JSON (or too large or too deep to read).</summary>
        MalformedJson,

        /// <summary>A formatVersion this build does not read.</summary>
        UnknownFormatVersion,

        /// <summary>A layer op this build does not know.</summary>
        UnsupportedLayer,

        /// <summary>A missing, mistyped or contradictory field: the model it describes cannot run.</summary>
        InconsistentModel,

        /// <summary>The contentHash does not match the content: the file was edited after kwsc wrote it.</summary>
        ContentHashMismatch,
    }
}
