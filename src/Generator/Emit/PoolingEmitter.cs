using Kws.Runtime.Manifest;

namespace Kws.Generator.Emit
{
    /// <summary>
    /// Max pooling and global average pooling on channels-last tensors: the interpreter's MaxPool1dKernel and
    /// GlobalAvgPool1dKernel, with the same comparisons and the same float32 steps.
    /// </summary>
    internal static class PoolingEmitter
    {
        public static void EmitMaxPool(CodeWriter w, MaxPool1dLayer pool, Tensor input)
        {
            string type = input.ElementType;
            int stride = input.Stride;
            int lanes = input.IsFloat ? 4 : 16;
            w.Line($"ref {type} x = ref MemoryMarshal.GetReference(input);");
            w.Line($"ref {type} y = ref MemoryMarshal.GetReference(output);");
            if (stride % lanes == 0)
            {
                w.Open("if (Vector128.IsHardwareAccelerated)");
                w.Open($"for (int t = 0; t < {pool.OutputLength}; t++)");
                w.Open($"for (int c = 0; c < {stride}; c += {lanes})");
                w.Line($"Vector128<{type}> m = Vector128.LoadUnsafe(ref x, (nuint)(t * {pool.Stride * stride} + c));");
                w.Open($"for (int k = 1; k < {pool.KernelSize}; k++)");
                w.Line($"Vector128<{type}> v = Vector128.LoadUnsafe(ref x, (nuint)(t * {pool.Stride * stride} + k * {stride} + c));");
                w.Line(input.IsFloat
                    ? "m = Vector128.ConditionalSelect(Vector128.GreaterThan(v, m), v, m);"
                    : "m = Vector128.Max(m, v);");
                w.Close();
                w.Line($"m.StoreUnsafe(ref y, (nuint)(t * {stride} + c));");
                w.Close();
                w.Close();
                w.Close();
                w.Open("else");
            }
            w.Open($"for (int t = 0; t < {pool.OutputLength}; t++)");
            w.Open($"for (int c = 0; c < {input.Channels}; c++)");
            w.Line($"{type} m = Unsafe.Add(ref x, t * {pool.Stride * stride} + c);");
            w.Open($"for (int k = 1; k < {pool.KernelSize}; k++)");
            w.Line($"{type} v = Unsafe.Add(ref x, t * {pool.Stride * stride} + k * {stride} + c);");
            w.Line("m = v > m ? v : m;");
            w.Close();
            w.Line($"Unsafe.Add(ref y, t * {stride} + c) = m;");
            w.Close();
            w.Close();
            if (stride % lanes == 0)
            {
                w.Close();
            }
        }

        public static void EmitGlobalAveragePool(CodeWriter w, GlobalAvgPool1dLayer pool, Tensor input)
        {
            string type = input.ElementType;
            int length = input.Length;
            w.Line($"ref {type} x = ref MemoryMarshal.GetReference(input);");
            w.Line($"ref {type} y = ref MemoryMarshal.GetReference(output);");
            w.Open($"for (int c = 0; c < {input.Channels}; c++)");
            if (input.IsFloat)
            {
                w.Line("float sum = 0f;");
                w.Open($"for (int t = 0; t < {length}; t++)");
                w.Line($"sum += Unsafe.Add(ref x, t * {input.Stride} + c);");
                w.Close();
                w.Line($"Unsafe.Add(ref y, c) = sum / {length};");
            }
            else
            {
                int zeroPoint = pool.Quantization!.ZeroPoint;
                float reciprocal = (float)(1.0 / length);
                w.Line("int sum = 0;");
                w.Open($"for (int t = 0; t < {length}; t++)");
                w.Line($"sum += Unsafe.Add(ref x, t * {input.Stride} + c);");
                w.Close();
                w.Line($"// PyTorch's rule: centre on the zero point, multiply by the float32 reciprocal of {length}, add the zero point back, round.");
                w.Line($"float mean = (float)(sum - {Literals.Long((long)length * zeroPoint)}) * {Literals.Float(reciprocal)};");
                w.Line($"Unsafe.Add(ref y, c) = ClampToByte(MathF.Round(mean + {zeroPoint}, MidpointRounding.ToEven), 0);");
            }
            w.Close();
        }
    }
}
