using System;
using System.Linq;
using Kws.Runtime.Quantization;

namespace Kws.Generator.Emit
{
    /// <summary>
    /// Emits an int8 Conv1d or Linear (see <see cref="DotShape"/>): the interpreter's Conv1dInt8Kernel /
    /// LinearInt8Kernel, unrolled over output channels. Vector lanes are output channels: each int32 lane accumulates
    /// one channel's dot product exactly (four window bytes at a time), so the result does not depend on the path:
    /// acc = Correction[o] + sum(w * q) in int32, then the shared requantization rule.
    /// </summary>
    internal sealed class Int8DotLayerEmitter
    {
        private readonly string _method;
        private readonly DotShape _shape;
        private readonly RequantizationPlan _plan;
        private readonly Int8WeightPacking _weights;

        public Int8DotLayerEmitter(string method, DotShape shape, RequantizationPlan plan, sbyte[] weights)
        {
            _method = method;
            _shape = shape;
            _plan = plan;
            _weights = Int8WeightPacking.Pack(weights, shape);
        }

        /// <summary>One line for the layer's header comment: how the products are summed on the vpmaddubsw paths.</summary>
        public string SaturationNote => _weights.MaddubsSafe
            ? $"vpmaddubsw is safe: the largest same-sign adjacent weight pair sums to {_weights.LargestPairMagnitude} <= 128, so 255 * pair <= 32767"
            : $"vpmaddubsw could saturate (an adjacent weight pair sums to {_weights.LargestPairMagnitude} > 128): those paths split each input " +
              "byte q = 2 * (q >> 1) + (q & 1), and 127 * 256 <= 32767 holds for any pair";

        public void EmitData(CodeWriter w, DataEmitter data)
        {
            int padded = _shape.PaddedOutChannels;
            data.SBytes(w, _method + "Weights", _weights.Packed);
            data.Ints(w, _method + "Correction", Pad(_plan.Correction, padded));
            // sdot multiplies signed bytes: it reads (q - 128), so the correction gains 128 * sum(w).
            data.Ints(w, _method + "CorrectionSigned", Pad(_plan.Correction.Select((c, o) => c + 128 * _plan.WeightSums[o]).ToArray(), padded));
            data.Floats(w, _method + "Multiplier", Pad(_plan.Multiplier, padded));
            data.Floats(w, _method + "Offset", Pad(_plan.Offset, padded));
        }

        public void EmitBody(CodeWriter w)
        {
            w.Line("ref byte x = ref MemoryMarshal.GetReference(input);");
            w.Line("ref byte y = ref MemoryMarshal.GetReference(output);");
            w.Line($"ref float m = ref MemoryMarshal.GetReference({_method}Multiplier);");
            w.Line($"ref float f = ref MemoryMarshal.GetReference({_method}Offset);");
            PathDispatch.Emit(w, SimdPath.Int8, path =>
            {
                if (path == SimdPath.Scalar) EmitScalar(w);
                else EmitVector(w, path);
            });
        }

        private void EmitVector(CodeWriter w, SimdPath path)
        {
            bool split = !_weights.MaddubsSafe && UsesMaddubs(path);
            w.Line("// " + PathComment(path, split));
            w.Line($"ref sbyte w = ref MemoryMarshal.GetReference({_method}Weights);");
            string correction = path == SimdPath.ArmDotProduct ? "CorrectionSigned" : "Correction";
            w.Line($"ref int c = ref MemoryMarshal.GetReference({_method}{correction});");
            if (UsesMaddubs(path))
            {
                w.Line($"{path.Vector}<short> ones = {path.Vector}<short>.One;");
                if (split)
                {
                    w.Line($"{path.Vector}<short> twos = {path.Vector}.Create((short)2);");
                }
            }
            foreach (PositionTiling tiling in PositionTiling.For(_shape, path))
            {
                EmitPositions(w, path, split, tiling);
            }
        }

        private void EmitPositions(CodeWriter w, SimdPath path, bool split, PositionTiling tiling)
        {
            string v = path.Vector;
            int lanes = path.Lanes;
            int row = _shape.PaddedOutChannels * 4;
            int tile = tiling.Positions, chunk = tiling.Vectors;
            w.Open($"for (int t = {tiling.From}; t < {tiling.To}; t += {tile})");
            w.Open($"for (int o = 0; o < {_shape.PaddedOutChannels}; o += {lanes * chunk})");
            tiling.EachAccumulator(w, (p, a) => $"{v}<int> a{p}{a} = {v}.LoadUnsafe(ref c, (nuint)(o + {a * lanes}));");
            // Walk the weights and the windows with two refs, so each load is a register plus a constant offset.
            w.Line("ref sbyte wg = ref Unsafe.Add(ref w, o * 4);");
            w.Line(_shape.Step == 0 ? "ref byte xg = ref x;" : $"ref byte xg = ref Unsafe.Add(ref x, t * {_shape.Step});");
            w.Open($"for (int g = 0; g < {_shape.Groups}; g++)");
            for (int a = 0; a < chunk; a++)
            {
                w.Line($"{v}<sbyte> w{a} = {v}.LoadUnsafe(ref wg{Offset(a * lanes * 4)});");
                if (path == SimdPath.AdvSimd)
                {
                    // Channels a, a+1 (lower half) and a+2, a+3 (upper half) as int16, once for the whole tile.
                    w.Line($"Vector128<short> wl{a} = AdvSimd.SignExtendWideningLower(w{a}.GetLower());");
                    w.Line($"Vector128<short> wh{a} = AdvSimd.SignExtendWideningUpper(w{a});");
                }
            }
            for (int p = 0; p < tile; p++)
            {
                string window = p * _shape.Step == 0 ? "xg" : $"Unsafe.Add(ref xg, {p * _shape.Step})";
                string four = $"{v}.Create(Unsafe.ReadUnaligned<int>(ref {window}))";
                w.Line(InputVector(path, p, four));
                if (split)
                {
                    w.Line($"{v}<byte> xh{p} = {v}.ShiftRightLogical(x{p}.AsUInt16(), 1).AsByte() & {v}.Create((byte)0x7F);");
                    w.Line($"{v}<byte> xl{p} = x{p} & {v}.Create((byte)1);");
                }
                // Each position's input is used right after it is read, so only one is live at a time.
                for (int a = 0; a < chunk; a++)
                {
                    w.Line($"a{p}{a} = {Dot(path, split, $"a{p}{a}", $"x{p}", a)};");
                }
            }
            w.Line($"wg = ref Unsafe.Add(ref wg, {row});");
            w.Line("xg = ref Unsafe.Add(ref xg, 4);");
            w.Close();
            // Consecutive output-channel vectors narrow together into one store: four of them on the 256- and 128-bit
            // paths, two on the 256-bit path (16 bytes).
            bool packTogether = path.VectorBytes < 64 && (chunk == 4 || (chunk == 2 && path.VectorBytes == 32));
            for (int p = 0; p < tile; p++)
            {
                for (int a = 0; a < chunk; a++)
                {
                    string lane = $"o + {a * lanes}";
                    string codes = $"Requantize(a{p}{a}, {v}.LoadUnsafe(ref m, (nuint)({lane})), {v}.LoadUnsafe(ref f, (nuint)({lane})), {_plan.OutputZeroPoint}, {_plan.Min})";
                    string at = $"(t + {p}) * {_shape.PaddedOutChannels} + {lane}";
                    w.Line(packTogether ? $"a{p}{a} = {codes};" : Store(path, codes, at));
                }
                if (packTogether)
                {
                    string vectors = string.Join(", ", Enumerable.Range(0, chunk).Select(a => $"a{p}{a}"));
                    w.Line($"NarrowToBytes({vectors}).StoreUnsafe(ref y, (nuint)((t + {p}) * {_shape.PaddedOutChannels} + o));");
                }
            }
            w.Close();
            w.Close();
        }

        private static string InputVector(SimdPath path, int p, string four)
        {
            if (path == SimdPath.Sse41)
            {
                return $"Vector128<short> x{p} = Sse41.ConvertToVector128Int16({four}.AsByte());";
            }
            if (path == SimdPath.ArmDotProduct)
            {
                return $"Vector128<sbyte> x{p} = ({four}.AsByte() ^ Vector128.Create((byte)0x80)).AsSByte();";
            }
            if (path == SimdPath.AdvSimd)
            {
                // The four bytes repeat in both halves, so widening the lower half gives them twice: one per channel pair.
                return $"Vector128<short> x{p} = AdvSimd.ZeroExtendWideningLower({four}.AsByte().GetLower()).AsInt16();";
            }
            return $"{path.Vector}<byte> x{p} = {four}.AsByte();";
        }

        private static string Dot(SimdPath path, bool split, string acc, string x, int a)
        {
            if (path == SimdPath.AvxVnni)
            {
                return $"AvxVnni.MultiplyWideningAndAdd({acc}, {x}, w{a})";
            }
            if (path == SimdPath.ArmDotProduct)
            {
                return $"Dp.DotProduct({acc}, {x}, w{a})";
            }
            if (path == SimdPath.AdvSimd)
            {
                // uint8 x int8 fits int16 exactly (255 * -128 = -32640); saddlp sums pairs to int32, addp the pairs' pairs.
                return $"{acc} + AdvSimd.Arm64.AddPairwise(AdvSimd.AddPairwiseWidening(AdvSimd.Multiply({x}, wl{a})), " +
                    $"AdvSimd.AddPairwiseWidening(AdvSimd.Multiply({x}, wh{a})))";
            }
            if (path == SimdPath.Sse41)
            {
                return $"{acc} + Ssse3.HorizontalAdd(Sse2.MultiplyAddAdjacent({x}, Sse41.ConvertToVector128Int16(w{a})), " +
                    $"Sse2.MultiplyAddAdjacent({x}, Sse41.ConvertToVector128Int16(Sse2.ShiftRightLogical128BitLane(w{a}, 8))))";
            }
            string isa = path == SimdPath.Avx512BW ? "Avx512BW" : "Avx2";
            string Pairs(string input, string factor) => $"{isa}.MultiplyAddAdjacent({isa}.MultiplyAddAdjacent({input}, w{a}), {factor})";
            return split
                ? $"{acc} + {Pairs("xh" + x.Substring(1), "twos")} + {Pairs("xl" + x.Substring(1), "ones")}"
                : $"{acc} + {Pairs(x, "ones")}";
        }

        private static string Store(SimdPath path, string codes, string at)
        {
            if (path.VectorBytes == 64)
            {
                return $"Avx512F.ConvertToVector128Byte({codes}).StoreUnsafe(ref y, (nuint)({at}));";
            }
            return $"Unsafe.WriteUnaligned(ref Unsafe.Add(ref y, {at}), NarrowToBytes({codes}));";
        }

        private void EmitScalar(CodeWriter w)
        {
            int padded = _shape.PaddedOutChannels;
            w.Line("// Scalar: per output position, every channel's sum at once, reading the packed weights in memory order");
            w.Line("// (four window bytes x all channels per group), so each input byte is loaded once per position.");
            w.Line($"ref sbyte w = ref MemoryMarshal.GetReference({_method}Weights);");
            w.Line($"ref int c = ref MemoryMarshal.GetReference({_method}Correction);");
            w.Line($"Span<int> sums = stackalloc int[{padded}];");
            w.Line("ref int acc = ref MemoryMarshal.GetReference(sums);");
            w.Open($"for (int t = 0; t < {_shape.OutLength}; t++)");
            w.Open($"for (int o = 0; o < {_shape.OutChannels}; o++)");
            w.Line("Unsafe.Add(ref acc, o) = Unsafe.Add(ref c, o);");
            w.Close();
            w.Line("ref sbyte wg = ref w;");
            w.Line(_shape.Step == 0 ? "ref byte xg = ref x;" : $"ref byte xg = ref Unsafe.Add(ref x, t * {_shape.Step});");
            w.Open($"for (int g = 0; g < {_shape.Groups}; g++)");
            w.Line("int x0 = xg, x1 = Unsafe.Add(ref xg, 1), x2 = Unsafe.Add(ref xg, 2), x3 = Unsafe.Add(ref xg, 3);");
            w.Open($"for (int o = 0; o < {_shape.OutChannels}; o++)");
            w.Line("ref sbyte wo = ref Unsafe.Add(ref wg, o * 4);");
            w.Line("Unsafe.Add(ref acc, o) += wo * x0 + Unsafe.Add(ref wo, 1) * x1 + Unsafe.Add(ref wo, 2) * x2 + Unsafe.Add(ref wo, 3) * x3;");
            w.Close();
            w.Line($"wg = ref Unsafe.Add(ref wg, {padded * 4});");
            w.Line("xg = ref Unsafe.Add(ref xg, 4);");
            w.Close();
            w.Open($"for (int o = 0; o < {_shape.OutChannels}; o++)");
            w.Line($"Unsafe.Add(ref y, t * {padded} + o) = Requantize(Unsafe.Add(ref acc, o), Unsafe.Add(ref m, o), Unsafe.Add(ref f, o), {_plan.OutputZeroPoint}, {_plan.Min});");
            w.Close();
            w.Close();
        }

        private static bool UsesMaddubs(SimdPath path) => path == SimdPath.Avx512BW || path == SimdPath.Avx2;

        private static string PathComment(SimdPath path, bool split)
        {
            if (path == SimdPath.AvxVnni) return "AVX-VNNI: vpdpbusd sums four uint8 x int8 products per int32 lane, no intermediate saturation.";
            if (path == SimdPath.ArmDotProduct) return "ARM64 sdot: four int8 x int8 products per lane, on (q - 128); CorrectionSigned adds back 128 * sum(w).";
            if (path == SimdPath.AdvSimd) return "ARM64 without dot product: int16 products (exact), pairwise widening adds to one int32 per output channel.";
            if (path == SimdPath.Sse41) return "SSE4.1: widen to int16, pmaddwd pairs, phaddd to one int32 per output channel (exact).";
            string isa = path == SimdPath.Avx512BW ? "AVX-512BW" : "AVX2";
            return split
                ? $"{isa}: vpmaddubsw on q >> 1 and on q & 1 (pairs provably within int16), vpmaddwd by 2 and by 1 to int32."
                : $"{isa}: vpmaddubsw (pairs provably within int16, see above), vpmaddwd to int32.";
        }

        private static string Offset(int elements) => elements == 0 ? "" : $", {elements}";

        private static T[] Pad<T>(T[] values, int length)
        {
            var padded = new T[length];
            Array.Copy(values, padded, values.Length);
            return padded;
        }
    }
}
