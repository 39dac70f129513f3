namespace Kws.Compiler.Checkpoints;

/// <summary>
/// Turns (storage, offset, size, stride) into a contiguous little-endian tensor, checking first that every element
/// the view can reach lies inside the storage and that the result fits the memory budget, so that a pickle claiming
/// a huge tensor is an error before anything is allocated.
/// </summary>
internal sealed class TensorGatherer(CheckpointArchive archive)
{
    /// <summary>Upper bound on all tensor bytes of one checkpoint (a stride-0 view can claim far more than its storage).</summary>
    public const long MaxTotalBytes = 1L << 30;

    private long _allocated;

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
        if (bytes > MaxTotalBytes - _allocated)
        {
            throw archive.Error($"a tensor of size [{string.Join(", ", shape)}] needs {bytes} bytes, more than the {MaxTotalBytes}-byte limit for a checkpoint");
        }
        _allocated += bytes;

        byte[] source = count == 0 ? [] : storage.ReadBytes();
        var data = new byte[bytes];
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
