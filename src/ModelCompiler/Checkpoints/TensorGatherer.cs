namespace Kws.Compiler.Checkpoints;

/// <summary>
/// Turns (storage, offset, size, stride) into a contiguous little-endian tensor, checking first that every element
/// the view can reach lies inside the storage and that the result fits the checkpoint's <see cref="MemoryBudget"/>,
/// so that a pickle claiming a huge tensor is an error before anything is allocated.
/// </summary>
internal sealed class TensorGatherer(CheckpointArchive archive)
{
    public TorchTensor Gather(TorchStorage storage, long offset, long[] shape, long[] strides, TensorQuantization? quantization)
    {
        if (shape.Length != strides.Length)
        {
            throw archive.Error($"a tensor has {shape.Length} sizes but {strides.Length} strides");
        }
        if (shape.Length > 16)
        {
            throw archive.Error($"a tensor has {shape.Length} dimensions; at most 16 are supported");
        }
        int elementSize = storage.DType.ElementSize();
        long count = 1, lastIndex = offset;
        for (int d = 0; d < shape.Length; d++)
        {
            if (shape[d] < 0 || strides[d] < 0)
            {
                throw archive.Error($"a tensor has a negative size or stride ({shape[d]}, {strides[d]})");
            }
            count = shape[d] == 0 || count == 0 ? 0 : CheckedProduct(count, shape[d]);
            if (shape[d] > 0) lastIndex = CheckedSum(lastIndex, CheckedProduct(shape[d] - 1, strides[d]));
        }
        long bytes = CheckedProduct(count, elementSize);
        if (offset < 0 || (count > 0 && lastIndex >= storage.ElementCount))
        {
            throw archive.Error($"a tensor of size [{string.Join(", ", shape)}] at offset {offset} reaches element {lastIndex} of storage {storage.Key}, which has {storage.ElementCount}");
        }
        // A stride-0 (expanded) view can claim far more than its storage: counted before anything is allocated.
        archive.Budget.Reserve(bytes, $"a tensor of size [{string.Join(", ", shape)}] ({bytes} bytes)");

        byte[] source = count == 0 ? [] : storage.ReadBytes();
        var data = new byte[bytes];
        if (!archive.IsBigEndian && IsContiguous(shape, strides))
        {
            Buffer.BlockCopy(source, checked((int)(offset * elementSize)), data, 0, checked((int)bytes));
            return new TorchTensor(storage.DType, shape, data, quantization);
        }
        var index = new long[shape.Length];
        for (long i = 0; i < count; i++)
        {
            long element = offset;
            for (int d = 0; d < shape.Length; d++) element += index[d] * strides[d];
            long from = element * elementSize, to = i * elementSize;
            for (int b = 0; b < elementSize; b++)
            {
                data[to + b] = source[archive.IsBigEndian ? from + elementSize - 1 - b : from + b];
            }
            for (int d = shape.Length - 1; d >= 0; d--)
            {
                if (++index[d] < shape[d]) break;
                index[d] = 0;
            }
        }
        return new TorchTensor(storage.DType, shape, data, quantization);
    }

    /// <summary>Row-major with no gaps (sizes of 1 may carry any stride), so the bytes can be copied in one block.</summary>
    private static bool IsContiguous(long[] shape, long[] strides)
    {
        long expected = 1;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            if (shape[d] != 1 && strides[d] != expected) return false;
            expected *= shape[d];
        }
        return true;
    }

    private long CheckedProduct(long a, long b)
    {
        try
        {
            return checked(a * b);
        }
        catch (OverflowException)
        {
            throw archive.Error($"a tensor's size overflows ({a} x {b} elements)");
        }
    }

    private long CheckedSum(long a, long b)
    {
        try
        {
            return checked(a + b);
        }
        catch (OverflowException)
        {
            throw archive.Error("a tensor's strides overflow");
        }
    }
}
