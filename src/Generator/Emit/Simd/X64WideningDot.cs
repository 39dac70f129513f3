using Kws.Runtime.Simd;

namespace Kws.Generator.Emit.Simd
{
    /// <summary>SSE4.1: inputs and weights widened to int16 (products exact), pmaddwd pairs, phaddd to one int32 per output channel.</summary>
    internal sealed class X64WideningDot : Int8DotStrategy
    {
        public X64WideningDot(SimdPath path) : base(path)
        {
        }

        public override string Comment(bool split) => "SSE4.1: widen to int16, pmaddwd pairs, phaddd to one int32 per output channel (exact).";

        public override string InputVector(int p, string four) => $"Vector128<short> x{p} = Sse41.ConvertToVector128Int16({four}.AsByte());";

        public override string Dot(string acc, int p, int a, bool split) =>
            $"{acc} + Ssse3.HorizontalAdd(Sse2.MultiplyAddAdjacent(x{p}, Sse41.ConvertToVector128Int16(w{a})), " +
            $"Sse2.MultiplyAddAdjacent(x{p}, Sse41.ConvertToVector128Int16(Sse2.ShiftRightLogical128BitLane(w{a}, 8))))";
    }
}
