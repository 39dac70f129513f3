using Kws.Runtime.Simd;

namespace Kws.Generator.Emit.Simd
{
    /// <summary>
    /// ARM64 without the dot-product extension: uint8 x int8 fits int16 exactly (255 * -128 = -32640), so inputs and
    /// weights are widened, multiplied, and pairwise-added twice (saddlp, addp) to one int32 per output channel.
    /// </summary>
    internal sealed class ArmWideningDot : Int8DotStrategy
    {
        public ArmWideningDot(SimdPath path) : base(path)
        {
        }

        public override string Comment(bool split) => "ARM64 without dot product: int16 products (exact), pairwise widening adds to one int32 per output channel.";

        public override void EmitWeightPreparation(CodeWriter w, int a)
        {
            // Channels a, a+1 (lower half) and a+2, a+3 (upper half) as int16, once for the whole tile.
            w.Line($"Vector128<short> wl{a} = AdvSimd.SignExtendWideningLower(w{a}.GetLower());");
            w.Line($"Vector128<short> wh{a} = AdvSimd.SignExtendWideningUpper(w{a});");
        }

        // The four bytes repeat in both halves, so widening the lower half gives them twice: one per channel pair.
        public override string InputVector(int p, string four) =>
            $"Vector128<short> x{p} = AdvSimd.ZeroExtendWideningLower({four}.AsByte().GetLower()).AsInt16();";

        public override string Dot(string acc, int p, int a, bool split) =>
            $"{acc} + AdvSimd.Arm64.AddPairwise(AdvSimd.AddPairwiseWidening(AdvSimd.Multiply(x{p}, wl{a})), " +
            $"AdvSimd.AddPairwiseWidening(AdvSimd.Multiply(x{p}, wh{a})))";
    }
}
