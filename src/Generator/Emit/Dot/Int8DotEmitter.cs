using System;
using System.Collections.Generic;
using System.Linq;
using Kws.Generator.Emit.Simd;
using Kws.Generator.Planning;
using Kws.Runtime.Layers;
using Kws.Runtime.Quantization;
using Kws.Runtime.Simd;

namespace Kws.Generator.Emit.Dot
{
    /// <summary>
    /// The code of an int8 Conv1d or Linear (see <see cref="DotShape"/>): the interpreter's Conv1dInt8Kernel /
    /// LinearInt8Kernel, unrolled over output channels. Vector lanes are output channels: each int32 lane accumulates
    /// one channel's dot product exactly (four window bytes at a time), so the result does not depend on the path:
    /// acc = Correction[o] + sum(w * q) in int32, then the Runtime's <see cref="Requantizer"/>. The tables (packed
    /// weights, corrections, multipliers, offsets) are computed when it is made.
    /// </summary>
    internal sealed class Int8DotEmitter
    {
        private readonly DotShape _shape;
        private readonly RequantizationPlan _plan;
        private readonly Int8WeightPacking _weights;

        public Int8DotEmitter(WeightedLayerSpec layer, DotShape shape, RequantizationPlan plan)
        {
            _shape = shape;
            _plan = plan;
            _weights = Int8WeightPacking.Pack(layer.Int8Weights!, shape);
            int padded = shape.PaddedOutChannels;
            Tables = new[]
            {
                DataTable.PackedSBytes("Weights", _weights.Packed),
                DataTable.Ints("Correction", Pad(_plan.Correction, padded)),
                // sdot multiplies signed bytes: it reads (q - 128), so the correction gains 128 * sum(w).
                DataTable.Ints("CorrectionSigned", Pad(_plan.Correction.Select((c, o) => c + 128 * _plan.WeightSums[o]).ToArray(), padded)),
                DataTable.Floats("Multiplier", Pad(_plan.Multiplier, padded)),
                DataTable.Floats("Offset", Pad(_plan.Offset, padded)),
            };
        }

        public IReadOnlyList<DataTable> Tables { get; }

        /// <summary>The header comment lines shared by int8 Conv1d and Linear.</summary>
        public IEnumerable<string> Describe(WeightedLayerSpec layer)
        {
            var wq = layer.WeightQuantization!;
            string weights = wq.PerChannel
                ? $"per-channel int8 weights, scales {Literals.Double(wq.Scales.Min())}..{Literals.Double(wq.Scales.Max())}"
                : $"per-tensor int8 weights, scale {Literals.Double(wq.Scales[0])}";
            yield return $"input scale {Literals.Double(layer.Input!.Scale)}, zero point {layer.Input.ZeroPoint}; " +
                $"output scale {Literals.Double(layer.Output!.Scale)}, zero point {layer.Output.ZeroPoint}; {weights}.";
            yield return $"acc = Correction[o] + sum(w * q) over a {_shape.Window}-byte window (int32, exact); " +
                $"q = clamp(round_half_even(((float)acc + Offset[o]) * Multiplier[o]) + {_plan.OutputZeroPoint}, {_plan.Min}, 255).";
            yield return "Weights packed [window / 4][output channel][4]: one int32 lane per output channel, four window bytes per step.";
            if (_shape.Pool > 1)
            {
                yield return $"Max-pool fused: each output row is the max of {_shape.Pool} positions' int32 accumulators, requantized once; exact, since " +
                    "requantization never decreases as acc grows (every Multiplier >= 0), so it commutes with max.";
            }
        }

        /// <summary>One line for the header comment: how the products are summed on the vpmaddubsw paths.</summary>
        public string SaturationNote => _weights.MaddubsSafe
            ? $"vpmaddubsw is safe: the largest same-sign adjacent weight pair sums to {_weights.LargestPairMagnitude} <= 128, so 255 * pair <= 32767"
            : $"vpmaddubsw could saturate (an adjacent weight pair sums to {_weights.LargestPairMagnitude} > 128): those paths split each input " +
              "byte q = 2 * (q >> 1) + (q & 1), and 127 * 256 <= 32767 holds for any pair";

        public void EmitBody(CodeWriter w, string method)
        {
            w.Line("ref byte x = ref MemoryMarshal.GetReference(input);");
            w.Line("ref byte y = ref MemoryMarshal.GetReference(output);");
            w.Line($"ref float m = ref MemoryMarshal.GetReference({method}Multiplier);");
            w.Line($"ref float f = ref MemoryMarshal.GetReference({method}Offset);");
            PathDispatch.Emit(w, SimdPath.Int8Preference, path =>
            {
                if (path == SimdPath.Scalar) EmitScalar(w, method);
                else EmitVector(w, method, Int8DotStrategy.For(path));
            });
        }

        private void EmitVector(CodeWriter w, string method, Int8DotStrategy strategy)
        {
            bool split = strategy.Splits(_weights.MaddubsSafe);
            w.Line("// " + strategy.Comment(split));
            w.Line($"ref sbyte w = ref MemoryMarshal.GetReference({method}Weights);");
            w.Line($"ref int c = ref MemoryMarshal.GetReference({method}{(strategy.UsesSignedCorrection ? "CorrectionSigned" : "Correction")});");
            strategy.EmitConstants(w, split);
            IReadOnlyList<TileBudget> budgets = TileBudget.For(strategy.Path);
            for (int n = 0; n < budgets.Count; n++)
            {
                TileBudget budget = budgets[n];
                bool branch = budgets.Count > 1;
                if (branch)
                {
                    w.Open(budget.Condition is null ? "else" : $"{(n == 0 ? "if" : "else if")} ({budget.Condition})");
                    w.Line(budget.Condition is null
                        ? $"// {budget.Accumulators} accumulators in registers."
                        : $"// {budget.Accumulators} accumulators in registers where {budget.Condition}.");
                }
                foreach (PositionTiling tiling in PositionTiling.For(_shape, strategy.Path.Lanes, budget))
                {
                    EmitTile(w, strategy, split, tiling);
                }
                if (branch)
                {
                    w.Close();
                }
            }
        }

        private void EmitTile(CodeWriter w, Int8DotStrategy strategy, bool split, PositionTiling tiling)
        {
            string v = strategy.Vector;
            int lanes = strategy.Path.Lanes;
            int row = _shape.PaddedOutChannels * 4;
            int tile = tiling.Positions, chunk = tiling.Vectors;
            w.Open($"for (int t = {tiling.From}; t < {tiling.To}; t += {tiling.Rows})");
            w.Open($"for (int o = 0; o < {_shape.PaddedOutChannels}; o += {lanes * chunk})");
            tiling.EachAccumulator(w, (p, a) => $"{v}<int> a{p}{a} = {v}.LoadUnsafe(ref c, (nuint)(o + {a * lanes}));");
            // Walk the weights and the windows with two refs, so each load is a register plus a constant offset.
            w.Line("ref sbyte wg = ref Unsafe.Add(ref w, o * 4);");
            w.Line(_shape.RowStep == 0 ? "ref byte xg = ref x;" : $"ref byte xg = ref Unsafe.Add(ref x, t * {_shape.RowStep});");
            w.Open($"for (int g = 0; g < {_shape.Groups}; g++)");
            for (int a = 0; a < chunk; a++)
            {
                w.Line($"{v}<sbyte> w{a} = {v}.LoadUnsafe(ref wg{Offset(a * lanes * 4)});");
                strategy.EmitWeightPreparation(w, a);
            }
            for (int p = 0; p < tile; p++)
            {
                string window = p * _shape.Step == 0 ? "xg" : $"Unsafe.Add(ref xg, {p * _shape.Step})";
                w.Line(strategy.InputVector(p, $"{v}.Create(Unsafe.ReadUnaligned<int>(ref {window}))"));
                if (split)
                {
                    strategy.EmitInputSplit(w, p);
                }
                // Each position's input is used right after it is read, so only one is live at a time.
                for (int a = 0; a < chunk; a++)
                {
                    w.Line($"a{p}{a} = {strategy.Dot($"a{p}{a}", p, a, split)};");
                }
            }
            w.Line($"wg = ref Unsafe.Add(ref wg, {row});");
            w.Line("xg = ref Unsafe.Add(ref xg, 4);");
            w.Close();
            if (_shape.Pool > 1)
            {
                // The fused pool: the max of each window's int32 accumulators, requantized once (exact, see the header).
                w.Line($"// Pool: the max of each window's {_shape.Pool} accumulators, then one requantization.");
                for (int r = 0; r < tiling.Rows; r++)
                {
                    for (int a = 0; a < chunk; a++)
                    {
                        w.Line($"a{r * _shape.Pool}{a} = {MaxTree(v, Enumerable.Range(r * _shape.Pool, _shape.Pool).Select(p => $"a{p}{a}").ToList())};");
                    }
                }
            }
            // Consecutive output-channel vectors narrow together into one store: four of them on the 256- and 128-bit
            // paths, two on the 256-bit path (16 bytes); on the 512-bit path each vector is one 16-byte store.
            bool packTogether = strategy.Path.VectorBytes < 64 && (chunk == 4 || (chunk == 2 && strategy.Path.VectorBytes == 32));
            for (int r = 0; r < tiling.Rows; r++)
            {
                int p = r * _shape.Pool;
                for (int a = 0; a < chunk; a++)
                {
                    string lane = $"o + {a * lanes}";
                    string codes = $"Requantize(a{p}{a}, {v}.LoadUnsafe(ref m, (nuint)({lane})), {v}.LoadUnsafe(ref f, (nuint)({lane})), {_plan.OutputZeroPoint}, {_plan.Min})";
                    string at = $"(t + {r}) * {_shape.PaddedOutChannels} + {lane}";
                    w.Line(packTogether ? $"a{p}{a} = {codes};" : Store(strategy.Path, codes, at));
                }
                if (packTogether)
                {
                    string vectors = string.Join(", ", Enumerable.Range(0, chunk).Select(a => $"a{p}{a}"));
                    w.Line($"ToBytes({vectors}).StoreUnsafe(ref y, (nuint)((t + {r}) * {_shape.PaddedOutChannels} + o));");
                }
            }
            w.Close();
            w.Close();
        }

        /// <summary>The max of the values as a balanced tree of pairwise maxima (independent pairs first).</summary>
        private static string MaxTree(string v, IReadOnlyList<string> values)
        {
            if (values.Count == 1) return values[0];
            int half = values.Count / 2;
            return $"{v}.Max({MaxTree(v, values.Take(half).ToList())}, {MaxTree(v, values.Skip(half).ToList())})";
        }

        private static string Store(SimdPath path, string codes, string at) => path.VectorBytes == 64
            ? $"ToBytes({codes}).StoreUnsafe(ref y, (nuint)({at}));"
            : $"Unsafe.WriteUnaligned(ref Unsafe.Add(ref y, {at}), ToBytes({codes}));";

        private void EmitScalar(CodeWriter w, string method)
        {
            int padded = _shape.PaddedOutChannels;
            bool pooled = _shape.Pool > 1;
            w.Line("// Scalar: per output position, every channel's sum at once, reading the packed weights in memory order");
            w.Line("// (four window bytes x all channels per group), so each input byte is loaded once per position.");
            w.Line($"ref sbyte w = ref MemoryMarshal.GetReference({method}Weights);");
            w.Line($"ref int c = ref MemoryMarshal.GetReference({method}Correction);");
            w.Line($"Span<int> sums = stackalloc int[{padded}];");
            w.Line("ref int acc = ref MemoryMarshal.GetReference(sums);");
            if (pooled)
            {
                w.Line($"Span<int> maxima = stackalloc int[{padded}];");
                w.Line("ref int best = ref MemoryMarshal.GetReference(maxima);");
            }
            w.Open($"for (int t = 0; t < {_shape.Rows}; t++)");
            if (pooled)
            {
                w.Open($"for (int k = 0; k < {_shape.Pool}; k++)");
            }
            w.Open($"for (int o = 0; o < {_shape.OutChannels}; o++)");
            w.Line("Unsafe.Add(ref acc, o) = Unsafe.Add(ref c, o);");
            w.Close();
            w.Line("ref sbyte wg = ref w;");
            w.Line(_shape.RowStep == 0 ? "ref byte xg = ref x;"
                : pooled ? $"ref byte xg = ref Unsafe.Add(ref x, (t * {_shape.Pool} + k) * {_shape.Step});"
                : $"ref byte xg = ref Unsafe.Add(ref x, t * {_shape.Step});");
            w.Open($"for (int g = 0; g < {_shape.Groups}; g++)");
            w.Line("int x0 = xg, x1 = Unsafe.Add(ref xg, 1), x2 = Unsafe.Add(ref xg, 2), x3 = Unsafe.Add(ref xg, 3);");
            w.Open($"for (int o = 0; o < {_shape.OutChannels}; o++)");
            w.Line("ref sbyte wo = ref Unsafe.Add(ref wg, o * 4);");
            w.Line("Unsafe.Add(ref acc, o) += wo * x0 + Unsafe.Add(ref wo, 1) * x1 + Unsafe.Add(ref wo, 2) * x2 + Unsafe.Add(ref wo, 3) * x3;");
            w.Close();
            w.Line($"wg = ref Unsafe.Add(ref wg, {padded * 4});");
            w.Line("xg = ref Unsafe.Add(ref xg, 4);");
            w.Close();
            if (pooled)
            {
                w.Open($"for (int o = 0; o < {_shape.OutChannels}; o++)");
                w.Line("Unsafe.Add(ref best, o) = k == 0 ? Unsafe.Add(ref acc, o) : Math.Max(Unsafe.Add(ref best, o), Unsafe.Add(ref acc, o));");
                w.Close();
                w.Close();
            }
            string sum = pooled ? "best" : "acc";
            w.Open($"for (int o = 0; o < {_shape.OutChannels}; o++)");
            w.Line($"Unsafe.Add(ref y, t * {padded} + o) = Requantize(Unsafe.Add(ref {sum}, o), Unsafe.Add(ref m, o), Unsafe.Add(ref f, o), {_plan.OutputZeroPoint}, {_plan.Min});");
            w.Close();
            w.Close();
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
