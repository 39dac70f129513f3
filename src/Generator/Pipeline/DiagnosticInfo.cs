using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Kws.Generator.Pipeline
{
    /// <summary>
    /// A diagnostic as an equatable value (descriptor id, file, span, message arguments) rather than a
    /// <see cref="Diagnostic"/>, which holds a Location and would defeat the pipeline's caching.
    /// </summary>
    internal sealed record DiagnosticInfo(string Id, string Path, int Start, int Length,
        int StartLine, int StartColumn, int EndLine, int EndColumn, EquatableArray<string> Arguments)
    {
        public Diagnostic ToDiagnostic()
        {
            var location = Location.Create(Path, new TextSpan(Start, Length),
                new LinePositionSpan(new LinePosition(StartLine, StartColumn), new LinePosition(EndLine, EndColumn)));
            var arguments = new object[Arguments.Count];
            for (int i = 0; i < arguments.Length; i++)
            {
                arguments[i] = Arguments[i];
            }
            return Diagnostic.Create(KwsDiagnostics.ById(Id), location, arguments);
        }

        /// <summary>A diagnostic on the whole first line of the file (the manifest as a whole).</summary>
        public static DiagnosticInfo AtFileStart(DiagnosticDescriptor descriptor, string path, string text, params string[] arguments) =>
            At(descriptor, path, text, 1, 1, arguments);

        /// <summary>A diagnostic at a 1-based line and column of the manifest, spanning the rest of that line.</summary>
        public static DiagnosticInfo At(DiagnosticDescriptor descriptor, string path, string text, int line, int column, params string[] arguments)
        {
            SourceText source = SourceText.From(text);
            int lineIndex = System.Math.Min(System.Math.Max(line, 1), System.Math.Max(source.Lines.Count, 1)) - 1;
            TextLine textLine = source.Lines[lineIndex];
            int start = System.Math.Min(textLine.Start + System.Math.Max(column, 1) - 1, textLine.End);
            int end = textLine.End;
            return new DiagnosticInfo(descriptor.Id, path, start, end - start,
                lineIndex, start - textLine.Start, lineIndex, end - textLine.Start, new EquatableArray<string>(arguments));
        }
    }
}
