using Kws.Runtime.Simd;

namespace Kws.Generator.Emit.Simd
{
    /// <summary>
    /// AVX2 / AVX-512BW: vpmaddubsw adds two uint8 x int8 products in int16 (which can saturate), vpmaddwd by one widens
    /// the pairs into int32. Exact when the weights prove no pair can overflow (Int8WeightPacking); otherwise each
    /// input byte is split as q = 2 * (q &gt;&gt; 1) + (q &amp; 1), and 127 * 256 &lt;= 32767 holds for any pair.
    /// </summary>
    internal sealed class PairwiseSaturatingDot : Int8DotStrategy
    {
        public PairwiseSaturatingDot(SimdPath path) : base(path)
        {
        }

        private string Isa => Path.VectorBytes == 64 ? "Avx512BW" : "Avx2";

        private string IsaTitle => Path.VectorBytes == 64 ? "AVX-512BW" : "AVX2";

        public override bool Splits(bool maddubsSafe) => !maddubsSafe;

        public override string Comment(bool split) => split
            ? $"{IsaTitle}: vpmaddubsw on q >> 1 and on q & 1 (pairs provably within int16), vpmaddwd by 2 and by 1 to int32."
            : $"{IsaTitle}: vpmaddubsw (pairs provably within int16, see above), vpmaddwd to int32.";

        public override void EmitConstants(CodeWriter w, bool split)
        {
            w.Line($"{Vector}<short> ones = {Vector}<short>.One;");
            if (split)
            {
                w.Line($"{Vector}<short> twos = {Vector}.Create((short)2);");
            }
        }

        public override string InputVector(int p, string four) => $"{Vector}<byte> x{p} = {four}.AsByte();";

        public override void EmitInputSplit(CodeWriter w, int p)
        {
            w.Line($"{Vector}<byte> xh{p} = {Vector}.ShiftRightLogical(x{p}.AsUInt16(), 1).AsByte() & {Vector}.Create((byte)0x7F);");
            w.Line($"{Vector}<byte> xl{p} = x{p} & {Vector}.Create((byte)1);");
        }

        public override string Dot(string acc, int p, int a, bool split)
        {
            string Pairs(string input, string factor) => $"{Isa}.MultiplyAddAdjacent({Isa}.MultiplyAddAdjacent({input}, w{a}), {factor})";
            return split
                ? $"{acc} + {Pairs("xh" + p, "twos")} + {Pairs("xl" + p, "ones")}"
                : $"{acc} + {Pairs("x" + p, "ones")}";
        }
    }
}
