using Kws.Runtime.Simd;

namespace Kws.Generator.Emit.Simd
{
    /// <summary>AVX-VNNI's vpdpbusd: four uint8 x int8 products added straight into each int32 lane.</summary>
    internal sealed class FourWayWideningDot : Int8DotStrategy
    {
        public FourWayWideningDot(SimdPath path) : base(path)
        {
        }

        public override string Comment(bool split) => "AVX-VNNI: vpdpbusd sums four uint8 x int8 products per int32 lane, no intermediate saturation.";

        public override string InputVector(int p, string four) => $"{Vector}<byte> x{p} = {four}.AsByte();";

        public override string Dot(string acc, int p, int a, bool split) => $"AvxVnni.MultiplyWideningAndAdd({acc}, x{p}, w{a})";
    }
}
