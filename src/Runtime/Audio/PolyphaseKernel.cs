using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Kws.Runtime.Audio;

/// <summary>
/// Computes resampled outputs from a stretch of input: output <c>f * new' + j</c> is one sum in double over phase j's
/// taps in ascending order, each product <c>tap * (double)x</c> added to a sum that starts at +0, then rounded to
/// float32. That order is the contract: the vector path gives each output its own lane (lanes hold consecutive frames
/// of one phase) and does the same multiply and add per tap, never a fused multiply-add, so the scalar path, every
/// vector width and any split of the work into calls or blocks give the same bits. This is what lets streaming
/// resampling equal whole-file resampling exactly.
/// For the vector path the input is dealt into orig' rows (row r holds x[base + q * orig' + r]), so the inputs of
/// consecutive frames for one tap are adjacent in memory.
/// </summary>
internal static class PolyphaseKernel
{
    /// <summary>Doubles in one block's rows (512 KB): bounds the scratch memory whatever the input's length.</summary>
    private const int BlockDoubles = 1 << 16;

    /// <summary>
    /// Fills <paramref name="output"/> with the outputs from frame <paramref name="firstFrame"/> on (output 0 is
    /// phase 0 of that frame). The input is <paramref name="window"/>, which holds x[windowStart ..]; x outside the
    /// window reads as zero, so the caller must hold every sample the outputs need that is not zero padding.
    /// </summary>
    public static void Compute(SincFilterBank bank, ReadOnlySpan<float> window, long windowStart, long firstFrame, Span<float> output)
    {
        if (output.IsEmpty)
        {
            return;
        }
        int frames = (output.Length + bank.New - 1) / bank.New;
        double[]? tapScratch = bank.IsCached ? null : ArrayPool<double>.Shared.Rent(bank.MaxLength);
        try
        {
            if (Vector128.IsHardwareAccelerated && frames >= LaneCount && BlockFrames(bank) >= 4 * LaneCount)
            {
                VectorFrames(bank, window, windowStart, firstFrame, output, frames, tapScratch);
            }
            else
            {
                ScalarFrames(bank, window, windowStart, firstFrame, output, tapScratch);
            }
        }
        finally
        {
            if (tapScratch is not null)
            {
                ArrayPool<double>.Shared.Return(tapScratch);
            }
        }
    }

    /// <summary>Rows start this far before frame 0's first sample: a multiple of orig' at or below every phase's offset.</summary>
    private static int RowsOrigin(SincFilterBank bank) => (int)Math.Floor((double)bank.MinOffset / bank.Original) * bank.Original;

    /// <summary>Row entries beyond a block's frames that its last frame still reads.</summary>
    private static int RowOverhang(SincFilterBank bank) => (bank.MaxEnd - RowsOrigin(bank) + bank.Original - 1) / bank.Original;

    private static int BlockFrames(SincFilterBank bank) => BlockDoubles / bank.Original - RowOverhang(bank);

    private static void VectorFrames(SincFilterBank bank, ReadOnlySpan<float> window, long windowStart, long firstFrame, Span<float> output, int frames, double[]? tapScratch)
    {
        int orig = bank.Original, @new = bank.New;
        int origin = RowsOrigin(bank), overhang = RowOverhang(bank);
        int blockFrames = Math.Min(frames, BlockFrames(bank));
        double[] rows = ArrayPool<double>.Shared.Rent(orig * (blockFrames + overhang));
        int[] tapOffsets = ArrayPool<int>.Shared.Rent(bank.MaxLength);
        try
        {
            for (int done = 0; done < frames; done += blockFrames)
            {
                int block = Math.Min(blockFrames, frames - done);
                int rowLength = block + overhang;
                DealIntoRows(window, (firstFrame + done) * orig + origin - windowStart, orig, rowLength, rows);
                Span<float> blockOutput = output.Slice(done * @new, Math.Min(block * @new, output.Length - done * @new));
                for (int j = 0; j < @new && j < blockOutput.Length; j++)
                {
                    ReadOnlySpan<double> taps = bank.Taps(j, tapScratch);
                    int reach = bank.Offset(j) - origin;
                    for (int i = 0; i < taps.Length; i++)
                    {
                        int e = reach + i;
                        tapOffsets[i] = e % orig * rowLength + e / orig;
                    }
                    int count = (blockOutput.Length - j + @new - 1) / @new;
                    PhaseInLanes(taps, tapOffsets, rows, count, blockOutput, @new, j);
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(tapOffsets);
            ArrayPool<double>.Shared.Return(rows);
        }
    }

    /// <summary>rows[r * rowLength + q] = x[start + q * orig + r] as double, zero outside the window.</summary>
    private static void DealIntoRows(ReadOnlySpan<float> window, long start, int orig, int rowLength, double[] rows)
    {
        int total = orig * rowLength;
        if (start >= 0 && start + total <= window.Length)
        {
            ref float x = ref Unsafe.Add(ref MemoryMarshal.GetReference(window), (nint)start);
            ref double row = ref MemoryMarshal.GetArrayDataReference(rows);
            if (orig == 2)
            {
                ref double odd = ref Unsafe.Add(ref row, rowLength);
                for (int q = 0; q < rowLength; q++)
                {
                    Unsafe.Add(ref row, q) = Unsafe.Add(ref x, 2 * q);
                    Unsafe.Add(ref odd, q) = Unsafe.Add(ref x, 2 * q + 1);
                }
                return;
            }
            for (int q = 0; q < rowLength; q++)
            {
                ref float frame = ref Unsafe.Add(ref x, q * orig);
                for (int r = 0; r < orig; r++)
                {
                    Unsafe.Add(ref row, r * rowLength + q) = Unsafe.Add(ref frame, r);
                }
            }
            return;
        }
        for (int r = 0; r < orig; r++)
        {
            for (int q = 0; q < rowLength; q++)
            {
                long index = start + (long)q * orig + r;
                rows[r * rowLength + q] = index >= 0 && index < window.Length ? window[(int)index] : 0.0;
            }
        }
    }

    private static int LaneCount =>
        Vector512.IsHardwareAccelerated ? Lanes512.Count : Vector256.IsHardwareAccelerated ? Lanes256.Count : Lanes128.Count;

    private static void PhaseInLanes(ReadOnlySpan<double> taps, int[] tapOffsets, double[] rows, int count, Span<float> output, int stride, int phase)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            PhaseInLanes<Lanes512, Vector512<double>>(taps, tapOffsets, rows, count, output, stride, phase);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            PhaseInLanes<Lanes256, Vector256<double>>(taps, tapOffsets, rows, count, output, stride, phase);
        }
        else
        {
            PhaseInLanes<Lanes128, Vector128<double>>(taps, tapOffsets, rows, count, output, stride, phase);
        }
    }

    /// <summary>The first <paramref name="count"/> frames of one phase, a frame per lane, four vectors at a time.</summary>
    private static void PhaseInLanes<T, TVector>(ReadOnlySpan<double> taps, int[] tapOffsets, double[] rows, int count, Span<float> output, int stride, int phase)
        where T : struct, IDoubleLanes<TVector>
        where TVector : struct
    {
        int lanes = T.Count;
        ref double row0 = ref MemoryMarshal.GetArrayDataReference(rows);
        ref int offsets = ref MemoryMarshal.GetArrayDataReference(tapOffsets);
        ref double tap0 = ref MemoryMarshal.GetReference(taps);
        ref float out0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(output), phase);
        int l = 0;
        for (; l + 4 * lanes <= count; l += 4 * lanes)
        {
            TVector a0 = default, a1 = default, a2 = default, a3 = default;
            for (int i = 0; i < taps.Length; i++)
            {
                TVector tap = T.Broadcast(Unsafe.Add(ref tap0, i));
                ref double x = ref Unsafe.Add(ref row0, Unsafe.Add(ref offsets, i) + l);
                a0 = T.MultiplyAdd(a0, tap, T.Load(ref x));
                a1 = T.MultiplyAdd(a1, tap, T.Load(ref Unsafe.Add(ref x, lanes)));
                a2 = T.MultiplyAdd(a2, tap, T.Load(ref Unsafe.Add(ref x, 2 * lanes)));
                a3 = T.MultiplyAdd(a3, tap, T.Load(ref Unsafe.Add(ref x, 3 * lanes)));
            }
            T.Store(a0, ref Unsafe.Add(ref out0, l * stride), stride);
            T.Store(a1, ref Unsafe.Add(ref out0, (l + lanes) * stride), stride);
            T.Store(a2, ref Unsafe.Add(ref out0, (l + 2 * lanes) * stride), stride);
            T.Store(a3, ref Unsafe.Add(ref out0, (l + 3 * lanes) * stride), stride);
        }
        for (; l + lanes <= count; l += lanes)
        {
            TVector a = default;
            for (int i = 0; i < taps.Length; i++)
            {
                a = T.MultiplyAdd(a, T.Broadcast(Unsafe.Add(ref tap0, i)), T.Load(ref Unsafe.Add(ref row0, Unsafe.Add(ref offsets, i) + l)));
            }
            T.Store(a, ref Unsafe.Add(ref out0, l * stride), stride);
        }
        for (; l < count; l++)
        {
            double sum = 0;
            for (int i = 0; i < taps.Length; i++)
            {
                sum += Unsafe.Add(ref tap0, i) * Unsafe.Add(ref row0, Unsafe.Add(ref offsets, i) + l);
            }
            Unsafe.Add(ref out0, l * stride) = (float)sum;
        }
    }

    /// <summary>One output at a time, straight from the window, skipping the taps that fall outside it (their input is zero).</summary>
    private static void ScalarFrames(SincFilterBank bank, ReadOnlySpan<float> window, long windowStart, long firstFrame, Span<float> output, double[]? tapScratch)
    {
        int orig = bank.Original, @new = bank.New;
        for (int j = 0; j < @new && j < output.Length; j++)
        {
            ReadOnlySpan<double> taps = bank.Taps(j, tapScratch);
            int count = (output.Length - j + @new - 1) / @new;
            for (int l = 0; l < count; l++)
            {
                long start = (firstFrame + l) * orig + bank.Offset(j) - windowStart;
                int first = (int)Math.Clamp(-start, 0, taps.Length);
                int end = (int)Math.Clamp(window.Length - start, first, taps.Length);
                double sum = 0;
                for (int i = first; i < end; i++)
                {
                    sum += taps[i] * window[(int)(start + i)];
                }
                output[l * @new + j] = (float)sum;
            }
        }
    }
}
