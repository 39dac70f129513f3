using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Attributes;
using Kws.Benchmarks.Configuration;

namespace Kws.Benchmarks.Suites;

/// <summary>
/// The hardware limit for the instructions the generated int8 code uses, measured on this core rather than taken on
/// faith from tables (a virtual machine may not run them as the silicon would): each benchmark runs
/// <see cref="Steps"/> steps of <see cref="Accumulators"/> independent multiply-accumulate chains with nothing else in
/// the loop but one input load, so it runs at the instruction mix's peak issue rate. MACs per cycle =
/// Steps x Accumulators x MACs-per-chain-step / (time x clock from <see cref="ClockCalibration"/>).
/// Per call: AVX-512BW 8192 x 8 x 64 = 4,194,304 MACs; AVX-VNNI 8192 x 8 x 32 = 2,097,152 MACs; AVX-VNNI as the
/// generated tile (12 chains) 8192 x 12 x 32 = 3,145,728 MACs. Eight vpdpbusd chains cannot reach the peak when its
/// latency (about 5 cycles) exceeds 8 / 2 issue slots, so the tile form is the floor's reference.
/// </summary>
[BenchmarkCategory("Calibration")]
[MeasuredJob]
public class Int8PeakThroughput
{
    public const int Steps = 8192;
    public const int Accumulators = 8;
    private const int InputVectors = 64;

    // Activations (uint8) cycle through 4 KB, L1-resident like a layer's input window; weights stay in registers.
    private readonly byte[] _inputs = Enumerable.Range(0, InputVectors * 64).Select(i => (byte)(i * 37)).ToArray();
    private readonly sbyte[] _weights = Enumerable.Range(0, Accumulators * 64).Select(i => (sbyte)((i * 11) - 60)).ToArray();

    /// <summary>vpmaddubsw + vpmaddwd (by ones) + vpaddd on zmm: 64 uint8 x int8 MACs per chain step (the Avx512BW path).</summary>
    [Benchmark(Description = "peak AVX-512BW maddubs+maddwd+add")]
    public int Avx512BWMaddubs()
    {
        if (!Avx512BW.IsSupported)
        {
            return 0;
        }

        ref var x = ref MemoryMarshal.GetArrayDataReference(_inputs);
        ref var wr = ref MemoryMarshal.GetArrayDataReference(_weights);
        var ones = Vector512.Create((short)1);
        var (w0, w1, w2, w3) = (Vector512.LoadUnsafe(ref wr, 0), Vector512.LoadUnsafe(ref wr, 64), Vector512.LoadUnsafe(ref wr, 128), Vector512.LoadUnsafe(ref wr, 192));
        var (w4, w5, w6, w7) = (Vector512.LoadUnsafe(ref wr, 256), Vector512.LoadUnsafe(ref wr, 320), Vector512.LoadUnsafe(ref wr, 384), Vector512.LoadUnsafe(ref wr, 448));
        Vector512<int> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        for (var i = 0; i < Steps; i++)
        {
            var v = Vector512.LoadUnsafe(ref x, (nuint)((i & (InputVectors - 1)) * 64));
            a0 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(v, w0), ones);
            a1 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(v, w1), ones);
            a2 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(v, w2), ones);
            a3 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(v, w3), ones);
            a4 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(v, w4), ones);
            a5 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(v, w5), ones);
            a6 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(v, w6), ones);
            a7 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(v, w7), ones);
        }

        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7);
    }

    /// <summary>vpdpbusd on ymm: 32 uint8 x int8 MACs per instruction, no saturation (the AvxVnni path).</summary>
    [Benchmark(Description = "peak AVX-VNNI vpdpbusd ymm")]
    public int AvxVnniDpbusd()
    {
        if (!AvxVnni.IsSupported)
        {
            return 0;
        }

        ref var x = ref MemoryMarshal.GetArrayDataReference(_inputs);
        ref var wr = ref MemoryMarshal.GetArrayDataReference(_weights);
        var (w0, w1, w2, w3) = (Vector256.LoadUnsafe(ref wr, 0), Vector256.LoadUnsafe(ref wr, 32), Vector256.LoadUnsafe(ref wr, 64), Vector256.LoadUnsafe(ref wr, 96));
        var (w4, w5, w6, w7) = (Vector256.LoadUnsafe(ref wr, 128), Vector256.LoadUnsafe(ref wr, 160), Vector256.LoadUnsafe(ref wr, 192), Vector256.LoadUnsafe(ref wr, 224));
        Vector256<int> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        for (var i = 0; i < Steps; i++)
        {
            var v = Vector256.LoadUnsafe(ref x, (nuint)((i & (InputVectors - 1)) * 32));
            a0 = AvxVnni.MultiplyWideningAndAdd(a0, v, w0);
            a1 = AvxVnni.MultiplyWideningAndAdd(a1, v, w1);
            a2 = AvxVnni.MultiplyWideningAndAdd(a2, v, w2);
            a3 = AvxVnni.MultiplyWideningAndAdd(a3, v, w3);
            a4 = AvxVnni.MultiplyWideningAndAdd(a4, v, w4);
            a5 = AvxVnni.MultiplyWideningAndAdd(a5, v, w5);
            a6 = AvxVnni.MultiplyWideningAndAdd(a6, v, w6);
            a7 = AvxVnni.MultiplyWideningAndAdd(a7, v, w7);
        }

        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7);
    }

    /// <summary>
    /// The generated AVX-VNNI tile's mix: six broadcast 4-byte inputs x two weight vectors, twelve vpdpbusd chains,
    /// everything in the 16 ymm registers (12 accumulators, 2 weights, 1 input).
    /// </summary>
    [Benchmark(Description = "peak AVX-VNNI vpdpbusd ymm, 12 chains (generated tile)")]
    public int AvxVnniDpbusdTile()
    {
        if (!AvxVnni.IsSupported)
        {
            return 0;
        }

        ref var x = ref MemoryMarshal.GetArrayDataReference(_inputs);
        ref var wr = ref MemoryMarshal.GetArrayDataReference(_weights);
        var (w0, w1) = (Vector256.LoadUnsafe(ref wr, 0), Vector256.LoadUnsafe(ref wr, 32));
        Vector256<int> a00 = default, a01 = default, a10 = default, a11 = default, a20 = default, a21 = default;
        Vector256<int> a30 = default, a31 = default, a40 = default, a41 = default, a50 = default, a51 = default;
        for (var i = 0; i < Steps; i++)
        {
            ref var xi = ref Unsafe.Add(ref x, (i & (InputVectors - 1)) * 32);
            var v = Vector256.Create(Unsafe.ReadUnaligned<int>(ref xi)).AsByte();
            a00 = AvxVnni.MultiplyWideningAndAdd(a00, v, w0);
            a01 = AvxVnni.MultiplyWideningAndAdd(a01, v, w1);
            v = Vector256.Create(Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref xi, 4))).AsByte();
            a10 = AvxVnni.MultiplyWideningAndAdd(a10, v, w0);
            a11 = AvxVnni.MultiplyWideningAndAdd(a11, v, w1);
            v = Vector256.Create(Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref xi, 8))).AsByte();
            a20 = AvxVnni.MultiplyWideningAndAdd(a20, v, w0);
            a21 = AvxVnni.MultiplyWideningAndAdd(a21, v, w1);
            v = Vector256.Create(Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref xi, 12))).AsByte();
            a30 = AvxVnni.MultiplyWideningAndAdd(a30, v, w0);
            a31 = AvxVnni.MultiplyWideningAndAdd(a31, v, w1);
            v = Vector256.Create(Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref xi, 16))).AsByte();
            a40 = AvxVnni.MultiplyWideningAndAdd(a40, v, w0);
            a41 = AvxVnni.MultiplyWideningAndAdd(a41, v, w1);
            v = Vector256.Create(Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref xi, 20))).AsByte();
            a50 = AvxVnni.MultiplyWideningAndAdd(a50, v, w0);
            a51 = AvxVnni.MultiplyWideningAndAdd(a51, v, w1);
        }

        return Vector256.Sum(a00 + a01 + a10 + a11 + a20 + a21 + a30 + a31 + a40 + a41 + a50 + a51);
    }
}
