namespace Kws.Compiler.Quantization;

/// <summary>
/// <c>torch.sum</c> of a contiguous float32 tensor on the CPU, in the order PyTorch 1.13's cascade sum adds (with its
/// default AVX2 kernels: vectors of 8 floats). Float addition does not associate, so the histogram observer's totals
/// and L2 norms only come out bit-identical when they are added in this order:
/// lanes of 8 consecutive floats are summed as 4 interleaved rows, each row in a cascade of up to 4 levels of 16-or-more
/// partial sums, the rows folded together, then the leftover floats and finally the 8 lanes added one by one.
/// </summary>
internal static class TorchFloatSum
{
    private const int Lanes = 8;
    private const int Rows = 4;
    private const int Levels = 4;

    public static float Sum(ReadOnlySpan<float> values)
    {
        if (values.Length < Lanes)
        {
            return RowSum(values, values.Length, width: 1)[0];
        }
        int vectors = values.Length / Lanes;
        float[] lanes = RowSum(values, vectors, Lanes);
        float total = 0f;
        for (int k = vectors * Lanes; k < values.Length; k++)
        {
            total += values[k];
        }
        foreach (float lane in lanes)
        {
            total += lane;
        }
        return total;
    }

    /// <summary>Item <paramref name="index"/> of <paramref name="width"/> consecutive floats (one vector, or one float).</summary>
    private static ReadOnlySpan<float> Item(ReadOnlySpan<float> values, int index, int width) => values.Slice(index * width, width);

    /// <summary>PyTorch's row_sum of the first <paramref name="count"/> items, read as rows of 4 items.</summary>
    private static float[] RowSum(ReadOnlySpan<float> values, int count, int width)
    {
        int rows = count / Rows;
        float[][] partial = MultiRowSum(values, rows, width);
        for (int i = rows * Rows; i < count; i++)
        {
            Add(partial[0], Item(values, i, width));
        }
        for (int k = 1; k < Rows; k++)
        {
            Add(partial[0], partial[k]);
        }
        return partial[0];
    }

    /// <summary>PyTorch's multi_row_sum: the 4 items of each of <paramref name="size"/> rows into 4 cascades of accumulators.</summary>
    private static float[][] MultiRowSum(ReadOnlySpan<float> values, int size, int width)
    {
        int levelPower = Math.Max(4, CeilLog2(size) / Levels);
        int levelStep = 1 << levelPower;
        int levelMask = levelStep - 1;
        var accumulators = new float[Levels, Rows][];
        for (int j = 0; j < Levels; j++)
        {
            for (int k = 0; k < Rows; k++)
            {
                accumulators[j, k] = new float[width];
            }
        }
        int i = 0;
        while (i + levelStep <= size)
        {
            for (int step = 0; step < levelStep; step++, i++)
            {
                AddRow(accumulators, values, i, width);
            }
            for (int j = 1; j < Levels; j++)
            {
                for (int k = 0; k < Rows; k++)
                {
                    Add(accumulators[j, k], accumulators[j - 1, k]);
                    Array.Clear(accumulators[j - 1, k]);
                }
                if ((i & (levelMask << (j * levelPower))) != 0)
                {
                    break;
                }
            }
        }
        for (; i < size; i++)
        {
            AddRow(accumulators, values, i, width);
        }
        for (int j = 1; j < Levels; j++)
        {
            for (int k = 0; k < Rows; k++)
            {
                Add(accumulators[0, k], accumulators[j, k]);
            }
        }
        return [accumulators[0, 0], accumulators[0, 1], accumulators[0, 2], accumulators[0, 3]];
    }

    private static void AddRow(float[,][] accumulators, ReadOnlySpan<float> values, int row, int width)
    {
        for (int k = 0; k < Rows; k++)
        {
            Add(accumulators[0, k], Item(values, row * Rows + k, width));
        }
    }

    private static void Add(float[] accumulator, ReadOnlySpan<float> values)
    {
        for (int lane = 0; lane < accumulator.Length; lane++)
        {
            accumulator[lane] += values[lane];
        }
    }

    /// <summary>PyTorch's utils::CeilLog2: 1 for sizes up to 2, else the bits of size - 1.</summary>
    private static int CeilLog2(int size) => size <= 2 ? 1 : 32 - int.LeadingZeroCount(size - 1);
}
