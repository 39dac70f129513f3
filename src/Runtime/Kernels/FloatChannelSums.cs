using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Kws.Runtime.Kernels;

/// <summary>
/// Every output channel's float32 dot product with one receptive field, output channels in the vector lanes: lane o
/// sums w[o][j] * x[j] over j in the reference order (input channel, then tap), one multiply and one separate add per
/// step, from 0f, exactly as the scalar reference does for channel o. So the result is bit-identical to the reference
/// kernels on every vector width, and to the generated code, which sums the same way. The weights are packed
/// [j][padded output channel] (<see cref="Pack"/>), zeros in the padding.
/// </summary>
public static class FloatChannelSums
{
    /// <summary>Output channels are padded to this multiple: a whole number of vectors at any width up to 512 bits.</summary>
    public const int ChannelAlignment = 16;

    /// <summary>Vectors of channels summed together, so that their additions overlap instead of waiting on one another.</summary>
    private const int Chains = 4;

    /// <summary><paramref name="outChannels"/> rounded up to a multiple of <see cref="ChannelAlignment"/>.</summary>
    public static int Padded(int outChannels) => (outChannels + ChannelAlignment - 1) / ChannelAlignment * ChannelAlignment;

    /// <summary>PyTorch-ordered weights [outChannels][window] as [window][Padded(outChannels)].</summary>
    public static float[] Pack(ReadOnlySpan<float> weights, int outChannels)
    {
        int window = weights.Length / outChannels, padded = Padded(outChannels);
        var packed = new float[window * padded];
        for (int o = 0; o < outChannels; o++)
        {
            for (int j = 0; j < window; j++)
            {
                packed[j * padded + o] = weights[o * window + j];
            }
        }
        return packed;
    }

    /// <summary>sums[o] = sum over j of w[o][j] * field[j], in j order, for every padded channel o.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compute(ReadOnlySpan<float> packed, ReadOnlySpan<float> field, Span<float> sums)
    {
        int padded = sums.Length, window = field.Length;
        if (padded % ChannelAlignment != 0 || packed.Length != window * padded)
        {
            throw new ArgumentException("the packed weights do not match the field and the padded channel count");
        }
        ref float w = ref MemoryMarshal.GetReference(packed);
        ref float x = ref MemoryMarshal.GetReference(field);
        ref float s = ref MemoryMarshal.GetReference(sums);
        int o = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int lanes = Vector<float>.Count;
            for (; o <= padded - Chains * lanes; o += Chains * lanes)
            {
                Vector<float> a0 = Vector<float>.Zero, a1 = Vector<float>.Zero, a2 = Vector<float>.Zero, a3 = Vector<float>.Zero;
                ref float row = ref Unsafe.Add(ref w, o);
                for (int j = 0; j < window; j++)
                {
                    var xj = new Vector<float>(Unsafe.Add(ref x, j));
                    a0 += Vector.LoadUnsafe(ref row) * xj;
                    a1 += Vector.LoadUnsafe(ref row, (nuint)lanes) * xj;
                    a2 += Vector.LoadUnsafe(ref row, (nuint)(2 * lanes)) * xj;
                    a3 += Vector.LoadUnsafe(ref row, (nuint)(3 * lanes)) * xj;
                    row = ref Unsafe.Add(ref row, padded);
                }
                a0.StoreUnsafe(ref s, (nuint)o);
                a1.StoreUnsafe(ref s, (nuint)(o + lanes));
                a2.StoreUnsafe(ref s, (nuint)(o + 2 * lanes));
                a3.StoreUnsafe(ref s, (nuint)(o + 3 * lanes));
            }
            for (; o < padded; o += lanes)
            {
                Vector<float> a = Vector<float>.Zero;
                ref float row = ref Unsafe.Add(ref w, o);
                for (int j = 0; j < window; j++)
                {
                    a += Vector.LoadUnsafe(ref row) * new Vector<float>(Unsafe.Add(ref x, j));
                    row = ref Unsafe.Add(ref row, padded);
                }
                a.StoreUnsafe(ref s, (nuint)o);
            }
        }
        for (; o < padded; o++)
        {
            float sum = 0f;
            for (int j = 0; j < window; j++)
            {
                sum += Unsafe.Add(ref w, j * padded + o) * Unsafe.Add(ref x, j);
            }
            Unsafe.Add(ref s, o) = sum;
        }
    }
}
