using System.Collections.Generic;
using Kws.Generator.Emit;

namespace Kws.Generator.Planning
{
    /// <summary>
    /// One constant table of a layer (packed weights, corrections, multipliers...), computed while planning so that the
    /// model's facts (its weight bytes) are known before anything is written. Per-channel tables are emitted as
    /// <c>static ReadOnlySpan&lt;T&gt; Name => new T[] { ... }</c>, readable numbers the compiler stores in the assembly
    /// image (the property returns a span over them, with no start-up cost and no allocation; a collection expression
    /// <c>[...]</c> would bind about five times slower). Weights are emitted as one string literal per layer, two bytes per
    /// char, cast to a span of <c>T</c> (<see cref="Packed"/>): the compiler's cost of an element list grows with every
    /// element (a 1.4 M-weight model took 57 s and 1.5 GB to compile), that of one literal only with its length.
    /// </summary>
    internal sealed class DataTable
    {
        private const string Indent = "    ";

        private DataTable(string suffix, string elementType, int elementBytes, int count, int perLine, System.Func<int, string> element, byte[]? packed = null)
        {
            _packed = packed;
            Suffix = suffix;
            ElementType = elementType;
            Bytes = (long)count * elementBytes;
            _count = count;
            _perLine = perLine;
            _element = element;
        }

        private readonly int _count;
        private readonly int _perLine;
        private readonly System.Func<int, string> _element;
        private readonly byte[]? _packed;

        /// <summary>Appended to the layer's method name: Conv1 + Weights.</summary>
        public string Suffix { get; }

        public string ElementType { get; }

        /// <summary>Bytes the table takes in the image.</summary>
        public long Bytes { get; }

        public static DataTable Ints(string suffix, IReadOnlyList<int> values) =>
            new DataTable(suffix, "int", 4, values.Count, 16, i => Literals.Int(values[i]));

        public static DataTable Floats(string suffix, IReadOnlyList<float> values) =>
            new DataTable(suffix, "float", 4, values.Count, 8, i => Literals.Float(values[i]));

        /// <summary>int8 weights as one string literal (<see cref="Packed"/>).</summary>
        public static DataTable PackedSBytes(string suffix, IReadOnlyList<sbyte> values)
        {
            var bytes = new byte[values.Count];
            for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)values[i];
            return new DataTable(suffix, "sbyte", 1, values.Count, 32, i => Literals.Int(values[i]), bytes);
        }

        /// <summary>float32 weights as one string literal (<see cref="Packed"/>), each float's IEEE bits little-endian.</summary>
        public static DataTable PackedFloats(string suffix, IReadOnlyList<float> values)
        {
            var bytes = new byte[4 * values.Count];
            for (int i = 0; i < values.Count; i++)
            {
                int bits = System.BitConverter.ToInt32(System.BitConverter.GetBytes(values[i]), 0);
                for (int k = 0; k < 4; k++) bytes[4 * i + k] = (byte)(bits >> (8 * k));
            }
            return new DataTable(suffix, "float", 4, values.Count, 8, i => Literals.Float(values[i]), bytes);
        }

        /// <summary>True when the table can be one string literal rather than an element list.</summary>
        public bool Packed => _packed is not null;

        /// <summary>
        /// Writes the table; <paramref name="packing"/> false writes even a packed table as an element list (a model
        /// whose weights would not fit the string heap, <see cref="ModelPlan.PackWeights"/>).
        /// </summary>
        public void Emit(CodeWriter w, string method, bool packing)
        {
            if (_packed is null || !packing)
            {
                w.Line($"private static ReadOnlySpan<{ElementType}> {method}{Suffix} => new {ElementType}[] {Literals.Collection(_count, _element, _perLine, Indent)};");
                return;
            }
            // Char k holds bytes 2k (low) and 2k + 1 (high): the little-endian layout of every platform the code runs on
            // (x64, ARM64). A string's characters start 4-byte aligned, so floats read from it are aligned too.
            var chars = new char[(_packed.Length + 1) / 2];
            for (int k = 0; k < chars.Length; k++)
            {
                int high = 2 * k + 1 < _packed.Length ? _packed[2 * k + 1] : 0;
                chars[k] = (char)(_packed[2 * k] | (high << 8));
            }
            string cut = _packed.Length % 2 == 0 ? "" : $".Slice(0, {Literals.Int(_count)})";
            w.Line($"// {Literals.Long(Bytes)} bytes, two per character of one string literal, read in place as {ElementType}.");
            w.Line($"private static ReadOnlySpan<{ElementType}> {method}{Suffix} => MemoryMarshal.Cast<char, {ElementType}>({Literals.String(new string(chars))}){cut};");
        }
    }
}
