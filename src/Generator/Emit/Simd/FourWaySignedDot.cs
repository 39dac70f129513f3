using Kws.Runtime.Simd;

namespace Kws.Generator.Emit.Simd
{
    /// <summary>ARM64 sdot: four int8 x int8 products per lane, on (q - 128); the signed correction adds back 128 * sum(w).</summary>
    internal sealed class FourWaySignedDot : Int8DotStrategy
    {
        public FourWaySignedDot(SimdPath path) : base(path)
        {
        }

        public override bool UsesSignedCorrection => true;

        public override string Comment(bool split) => "ARM64 sdot: four int8 x int8 products per lane, on (q - 128); CorrectionSigned adds back 128 * sum(w).";

        public override string InputVector(int p, string four) =>
            $"Vector128<sbyte> x{p} = ({four}.AsByte() ^ Vector128.Create((byte)0x80)).AsSByte();";

        public override string Dot(string acc, int p, int a, bool split) => $"Dp.DotProduct({acc}, x{p}, w{a})";
    }
}
