using Kws.Runtime.Manifest;

namespace Kws.Generator.Emit
{
    /// <summary>
    /// The float/uint8 boundary layers and the final log-softmax: the interpreter's QuantizeKernel, DequantizeKernel
    /// and LogSoftmaxKernel, step for step.
    /// </summary>
    internal static class ConversionEmitter
    {
        public static void EmitQuantize(CodeWriter w, QuantizeLayer layer, Tensor input)
        {
            float inverse = 1f / (float)layer.Output.Scale;
            int zeroPoint = layer.Output.ZeroPoint;
            int count = input.Elements;
            w.Line("ref float x = ref MemoryMarshal.GetReference(input);");
            w.Line("ref byte y = ref MemoryMarshal.GetReference(output);");
            PathDispatch.Emit(w, SimdPath.Float, path =>
            {
                // Four vectors per step on the narrower paths, so their codes narrow together into one store.
                int step = path == SimdPath.Scalar ? 0 : path.VectorBytes == 64 ? path.Lanes : 4 * path.Lanes;
                int vectorized = step == 0 ? 0 : count / step * step;
                if (vectorized > 0)
                {
                    string v = path.Vector;
                    int vectors = step / path.Lanes;
                    w.Open($"for (int i = 0; i < {vectorized}; i += {step})");
                    w.Line($"// Clamp to [-zp, 255 - zp] before rounding (exact for integer bounds): NaN fails the first test and gives code 0,");
                    w.Line("// and the clamped value converts exactly on every platform.");
                    for (int k = 0; k < vectors; k++)
                    {
                        string at = k == 0 ? "(nuint)i" : $"(nuint)(i + {k * path.Lanes})";
                        w.Line($"{v}<float> scaled{k} = {v}.LoadUnsafe(ref x, {at}) * {v}.Create({Literals.Float(inverse)});");
                        w.Line($"scaled{k} = {v}.ConditionalSelect({v}.GreaterThanOrEqual(scaled{k}, {v}.Create({Literals.Float(-zeroPoint)})), scaled{k}, {v}.Create({Literals.Float(-zeroPoint)}));");
                        w.Line($"scaled{k} = {v}.ConditionalSelect({v}.GreaterThan(scaled{k}, {v}.Create({Literals.Float(255 - zeroPoint)})), {v}.Create({Literals.Float(255 - zeroPoint)}), scaled{k});");
                        w.Line($"{v}<int> codes{k} = {v}.ConvertToInt32Native({v}.Round(scaled{k})) + {v}.Create({zeroPoint});");
                    }
                    w.Line(path.VectorBytes == 64
                        ? "Avx512F.ConvertToVector128Byte(codes0).StoreUnsafe(ref y, (nuint)i);"
                        : "NarrowToBytes(codes0, codes1, codes2, codes3).StoreUnsafe(ref y, (nuint)i);");
                    w.Close();
                }
                if (vectorized < count)
                {
                    w.Open($"for (int i = {vectorized}; i < {count}; i++)");
                    w.Line($"float code = MathF.Round(Unsafe.Add(ref x, i) * {Literals.Float(inverse)}, MidpointRounding.ToEven) + {zeroPoint};");
                    w.Line("Unsafe.Add(ref y, i) = ClampToByte(code, 0);");
                    w.Close();
                }
            });
        }

        public static void EmitDequantize(CodeWriter w, DequantizeLayer layer, Tensor input)
        {
            w.Line("ref byte x = ref MemoryMarshal.GetReference(input);");
            w.Line("ref float y = ref MemoryMarshal.GetReference(output);");
            w.Open($"for (int t = 0; t < {input.Length}; t++)");
            w.Open($"for (int c = 0; c < {input.Channels}; c++)");
            w.Line($"int at = t * {input.Stride} + c;");
            w.Line($"Unsafe.Add(ref y, at) = {Literals.Float((float)layer.Input.Scale)} * (Unsafe.Add(ref x, at) - {layer.Input.ZeroPoint});");
            w.Close();
            w.Close();
        }

        public static void EmitLogSoftmax(CodeWriter w, LogSoftmaxLayer layer, Tensor input)
        {
            int n = layer.Length;
            w.Line("ref float x = ref MemoryMarshal.GetReference(input);");
            w.Line("ref float y = ref MemoryMarshal.GetReference(output);");
            w.Line("// Gather the channels-last scores into the model's [channels][length] order, then the reference log-softmax.");
            w.Open($"for (int t = 0; t < {input.Length}; t++)");
            w.Open($"for (int c = 0; c < {input.Channels}; c++)");
            w.Line($"Unsafe.Add(ref y, c * {input.Length} + t) = Unsafe.Add(ref x, t * {input.Stride} + c);");
            w.Close();
            w.Close();
            w.Line("float max = y;");
            w.Open($"for (int i = 1; i < {n}; i++)");
            w.Line("float v = Unsafe.Add(ref y, i);");
            w.Line("max = v > max ? v : max;");
            w.Close();
            w.Line("float sum = 0f;");
            w.Open($"for (int i = 0; i < {n}; i++)");
            w.Line("sum += MathF.Exp(Unsafe.Add(ref y, i) - max);");
            w.Close();
            w.Line("float logSum = MathF.Log(sum);");
            w.Open($"for (int i = 0; i < {n}; i++)");
            w.Line("Unsafe.Add(ref y, i) = Unsafe.Add(ref y, i) - max - logSum;");
            w.Close();
        }
    }
}
