using System.Buffers.Binary;
using System.Globalization;

namespace Kws.Compiler.Checkpoints;

/// <summary>
/// A tensor from a checkpoint, gathered into a contiguous little-endian buffer in row-major order (strides and
/// storage offset already applied, big-endian storages already swapped). Quantized tensors keep their integer
/// representation (<c>int_repr()</c>) and their <see cref="Quantization"/>.
/// </summary>
public sealed class TorchTensor
{
    public TorchTensor(TorchDType dtype, long[] shape, byte[] data, TensorQuantization? quantization)
    {
        DType = dtype;
        Shape = shape;
        Data = data;
        Quantization = quantization;
    }

    public TorchDType DType { get; }
    public IReadOnlyList<long> Shape { get; }

    /// <summary>Contiguous little-endian element bytes.</summary>
    public byte[] Data { get; }

    public TensorQuantization? Quantization { get; }

    /// <summary>True when the pickle wrapped it as an <c>nn.Parameter</c>.</summary>
    public bool IsParameter { get; init; }

    public long ElementCount => Data.Length / DType.ElementSize();

    /// <summary>"torch.Size([32, 1, 80])", as PyTorch prints <c>tensor.size()</c>.</summary>
    public string SizeText => $"torch.Size([{string.Join(", ", Shape.Select(d => d.ToString(CultureInfo.InvariantCulture)))}])";

    /// <summary>The values as doubles (floating and integer dtypes; a quantized tensor gives its integer codes).</summary>
    public double[] ToDoubles()
    {
        var values = new double[ElementCount];
        ReadOnlySpan<byte> d = Data;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = DType switch
            {
                TorchDType.Float32 => BinaryPrimitives.ReadSingleLittleEndian(d[(i * 4)..]),
                TorchDType.Float64 => BinaryPrimitives.ReadDoubleLittleEndian(d[(i * 8)..]),
                TorchDType.Float16 => (double)BinaryPrimitives.ReadHalfLittleEndian(d[(i * 2)..]),
                TorchDType.BFloat16 => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(d[(i * 2)..]) << 16),
                TorchDType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(d[(i * 8)..]),
                TorchDType.Int32 or TorchDType.QInt32 => BinaryPrimitives.ReadInt32LittleEndian(d[(i * 4)..]),
                TorchDType.Int16 => BinaryPrimitives.ReadInt16LittleEndian(d[(i * 2)..]),
                TorchDType.Int8 or TorchDType.QInt8 => (sbyte)d[i],
                _ => d[i], // UInt8, QUInt8, Bool
            };
        }
        return values;
    }

    /// <summary>float32 values, exact for float32 tensors.</summary>
    public float[] ToFloats() => DType == TorchDType.Float32
        ? Enumerable.Range(0, (int)ElementCount).Select(i => BinaryPrimitives.ReadSingleLittleEndian(Data.AsSpan(i * 4))).ToArray()
        : ToDoubles().Select(v => (float)v).ToArray();

    /// <summary>The int8 codes of a qint8 or int8 tensor.</summary>
    public sbyte[] ToSBytes()
    {
        if (DType is not (TorchDType.QInt8 or TorchDType.Int8))
        {
            throw new InvalidOperationException($"a {DType.TorchName()} tensor has no int8 codes");
        }
        return Data.Select(b => (sbyte)b).ToArray();
    }
}
