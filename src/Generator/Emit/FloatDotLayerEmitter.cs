using System;
using System.Linq;

namespace Kws.Generator.Emit
{
    /// <summary>
    /// Emits a float32 Conv1d or Linear (see <see cref="DotShape"/>): the interpreter's Conv1dFloatKernel /
    /// LinearFloatKernel with output channels in the vector lanes. Each lane sums its channel's products in the
    /// reference order (input channel, then tap), multiply then add, and adds the bias last, as the reference does.
    /// </summary>
    internal sealed class FloatDotLayerEmitter
    {
        private readonly string _method;
        private readonly DotShape _shape;
        private readonly float[] _weights;
        private readonly float[] _bias;
        private readonly bool _relu;

        public FloatDotLayerEmitter(string method, DotShape shape, float[] weights, float[] bias, bool relu)
        {
            _method = method;
            _shape = shape;
            _weights = weights;
            _bias = bias;
            _relu = relu;
        }

        public void EmitData(CodeWriter w, DataEmitter data)
        {
            // Layout [inChannel][tap][outChannel]: the lanes of one load are the output channels.
            int padded = _shape.PaddedOutChannels;
            var packed = new float[_shape.InChannels * _shape.Kernel * padded];
            for (int o = 0; o < _shape.OutChannels; o++)
            {
                for (int i = 0; i < _shape.InChannels; i++)
                {
                    for (int k = 0; k < _shape.Kernel; k++)
                    {
                        packed[(i * _shape.Kernel + k) * padded + o] = _weights[_shape.SourceIndex(o, i, k)];
                    }
                }
            }
            data.Floats(w, _method + "Weights", packed);
            var bias = new float[padded];
            Array.Copy(_bias, bias, _bias.Length);
            data.Floats(w, _method + "Bias", bias);
        }

        public void EmitBody(CodeWriter w)
        {
            w.Line("ref float x = ref MemoryMarshal.GetReference(input);");
            w.Line("ref float y = ref MemoryMarshal.GetReference(output);");
            w.Line($"ref float w = ref MemoryMarshal.GetReference({_method}Weights);");
            w.Line($"ref float b = ref MemoryMarshal.GetReference({_method}Bias);");
            PathDispatch.Emit(w, SimdPath.Float, path =>
            {
                if (path == SimdPath.Scalar)
                {
                    EmitScalar(w);
                    return;
                }
                foreach (PositionTiling tiling in PositionTiling.For(_shape, path))
                {
                    EmitPositions(w, path, tiling);
                }
            });
        }

        private void EmitPositions(CodeWriter w, SimdPath path, PositionTiling tiling)
        {
            string v = path.Vector;
            int lanes = path.Lanes;
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
