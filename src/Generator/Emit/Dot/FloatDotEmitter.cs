using System;
using System.Collections.Generic;
using Kws.Generator.Planning;
using Kws.Runtime.Layers;
using Kws.Runtime.Simd;

namespace Kws.Generator.Emit.Dot
{
    /// <summary>
    /// The code of a float32 Conv1d or Linear (see <see cref="DotShape"/>): the interpreter's reference kernels with
    /// output channels in the vector lanes. Each lane sums its channel's products in the reference order (input channel,
    /// then tap), multiply then add, and adds the bias last, as the reference does.
    /// </summary>
    internal sealed class FloatDotEmitter
    {
        private readonly DotShape _shape;
        private readonly bool _relu;

        public FloatDotEmitter(WeightedLayerSpec layer, DotShape shape)
        {
            _shape = shape;
            _relu = layer.Relu;
            // Layout [inChannel][tap][outChannel]: the lanes of one load are the output channels.
            int padded = shape.PaddedOutChannels;
            var packed = new float[shape.InChannels * shape.Kernel * padded];
            float[] weights = layer.FloatWeights!;
            for (int o = 0; o < shape.OutChannels; o++)
            {
                for (int i = 0; i < shape.InChannels; i++)
                {
                    for (int k = 0; k < shape.Kernel; k++)
                    {
                        packed[(i * shape.Kernel + k) * padded + o] = weights[shape.SourceIndex(o, i, k)];
                    }
                }
            }
            var bias = new float[padded];
            Array.Copy(layer.Bias, bias, layer.Bias.Length);
            Tables = new[] { DataTable.Floats("Weights", packed), DataTable.Floats("Bias", bias) };
        }

        public IReadOnlyList<DataTable> Tables { get; }

        public IEnumerable<string> Describe()
        {
            yield return $"float32 weights packed [input channel][tap][output channel]; sum over a {_shape.Window}-value window in reference order, bias added last.";
        }

        public void EmitBody(CodeWriter w, string method)
        {
            w.Line("ref float x = ref MemoryMarshal.GetReference(input);");
            w.Line("ref float y = ref MemoryMarshal.GetReference(output);");
            w.Line($"ref float w = ref MemoryMarshal.GetReference({method}Weights);");
            w.Line($"ref float b = ref MemoryMarshal.GetReference({method}Bias);");
            PathDispatch.Emit(w, SimdPath.FloatPreference, path =>
            {
                if (path == SimdPath.Scalar)
                {
                    EmitScalar(w);
                    return;
                }
                int lanes = path.FloatVectorBytes / 4;
                foreach (PositionTiling tiling in PositionTiling.For(_shape, lanes, TileBudget.ForFloat(path)))
                {
                    EmitTile(w, "Vector" + (path.FloatVectorBytes * 8).ToString(System.Globalization.CultureInfo.InvariantCulture), lanes, tiling);
                }
            }, path => path.FloatVectorBytes);
        }

        private void EmitTile(CodeWriter w, string v, int lanes, PositionTiling tiling)
        {
            int padded = _shape.PaddedOutChannels;
            int tile = tiling.Positions, chunk = tiling.Vectors;
            w.Open($"for (int t = {tiling.From}; t < {tiling.To}; t += {tile})");
            w.Open($"for (int o = 0; o < {padded}; o += {lanes * chunk})");
            tiling.EachAccumulator(w, (p, a) => $"{v}<float> a{p}{a} = {v}<float>.Zero;");
            w.Open($"for (int i = 0; i < {_shape.InChannels}; i++)");
            w.Open($"for (int k = 0; k < {_shape.Kernel}; k++)");
            for (int a = 0; a < chunk; a++)
            {
                w.Line($"{v}<float> w{a} = {v}.LoadUnsafe(ref w, (nuint)((i * {_shape.Kernel} + k) * {padded} + o + {a * lanes}));");
            }
            for (int p = 0; p < tile; p++)
            {
                string at = _shape.Step == 0 ? $"k * {_shape.InStride} + i" : $"(t + {p}) * {_shape.Step} + k * {_shape.InStride} + i";
                w.Line($"{v}<float> x{p} = {v}.Create(Unsafe.Add(ref x, {at}));");
            }
            tiling.EachAccumulator(w, (p, a) => $"a{p}{a} += w{a} * x{p};");
            w.Close();
            w.Close();
            for (int p = 0; p < tile; p++)
            {
                for (int a = 0; a < chunk; a++)
                {
                    string lane = $"o + {a * lanes}";
                    w.Line($"{v}<float> v{p}{a} = a{p}{a} + {v}.LoadUnsafe(ref b, (nuint)({lane}));");
                    if (_relu)
                    {
                        w.Line($"v{p}{a} = {v}.ConditionalSelect({v}.GreaterThan(v{p}{a}, {v}<float>.Zero), v{p}{a}, {v}<float>.Zero);");
                    }
                    w.Line($"v{p}{a}.StoreUnsafe(ref y, (nuint)((t + {p}) * {padded} + {lane}));");
                }
            }
            w.Close();
            w.Close();
        }

        private void EmitScalar(CodeWriter w)
        {
            int padded = _shape.PaddedOutChannels;
            w.Open($"for (int t = 0; t < {_shape.OutLength}; t++)");
            w.Open($"for (int o = 0; o < {_shape.OutChannels}; o++)");
            w.Line("float sum = 0f;");
            w.Open($"for (int i = 0; i < {_shape.InChannels}; i++)");
            w.Open($"for (int k = 0; k < {_shape.Kernel}; k++)");
            string at = _shape.Step == 0 ? $"k * {_shape.InStride} + i" : $"t * {_shape.Step} + k * {_shape.InStride} + i";
            w.Line($"sum += Unsafe.Add(ref w, (i * {_shape.Kernel} + k) * {padded} + o) * Unsafe.Add(ref x, {at});");
            w.Close();
            w.Close();
            w.Line("float value = sum + Unsafe.Add(ref b, o);");
            w.Line(_relu
                ? $"Unsafe.Add(ref y, t * {padded} + o) = value > 0f ? value : 0f;"
                : $"Unsafe.Add(ref y, t * {padded} + o) = value;");
            w.Close();
            w.Close();
        }
    }
}
