using System;
using System.Collections.Generic;

namespace Kws.Runtime.Simd
{
    /// <summary>
    /// One instruction-set path the engines can take, named after the hardware it needs: the one vocabulary of
    /// the generator (which emits a branch per path), the interpreter (which picks kernels by path), <c>kws info</c>,
    /// the tests and the benchmarks. Each path knows what it can do, so code asks the path rather than comparing it
    /// with others. Plain C# with no run-time intrinsics: the generator (netstandard2.0) compiles this file too;
    /// whether this machine supports a path is <see cref="SimdSupport"/>'s business.
    /// </summary>
    public sealed class SimdPath : IEquatable<SimdPath>
    {
        private SimdPath(string name, SimdArchitecture architecture, int vectorBytes, int floatVectorBytes, int registers,
            Int8DotInstruction int8Dot, string isSupportedExpression, string[] jitKnobs)
        {
            Name = name;
            Architecture = architecture;
            VectorBytes = vectorBytes;
            FloatVectorBytes = floatVectorBytes;
            VectorRegisters = registers;
            Int8Dot = int8Dot;
            IsSupportedExpression = isSupportedExpression;
            JitKnobs = jitKnobs;
        }

        /// <summary>What <c>IKeywordModel.SimdPath</c> and <c>kws info</c> report: "AvxVnni", "Sse41", "AdvSimdDp"...</summary>
        public string Name { get; }

        /// <summary>The instruction set family the path needs.</summary>
        public SimdArchitecture Architecture { get; }

        /// <summary>Bytes per vector of the path's int8 kernels (0 for scalar).</summary>
        public int VectorBytes { get; }

        /// <summary>Bytes per vector of the path's float32 kernels: the widest float vector the hardware has (0 for scalar).</summary>
        public int FloatVectorBytes { get; }

        /// <summary>int32 lanes per int8-kernel vector.</summary>
        public int Lanes => VectorBytes / 4;

        /// <summary>Architectural vector registers: 32 with AVX-512 and on ARM64, 16 for the other x64 paths.</summary>
        public int VectorRegisters { get; }

        /// <summary>How the path sums uint8 x int8 products into int32.</summary>
        public Int8DotInstruction Int8Dot { get; }

        /// <summary>
        /// True when the path's dot product can saturate in int16 (vpmaddubsw adds two products in int16): code using
        /// it must prove, from the weights, that no pair can overflow, or split the input so that none can.
        /// </summary>
        public bool Int8DotCanSaturate => Int8Dot == Int8DotInstruction.PairwiseSaturating;

        /// <summary>The C# condition that is true where the path can run (the JIT folds it to a constant).</summary>
        public string IsSupportedExpression { get; }

        /// <summary>
        /// The JIT knobs (environment variables, "NAME=0") that make a machine with every path of the architecture take
        /// this one (an AVX-512 + AVX-VNNI x64 CPU, an ARM64 CPU with the dot-product extension): the tests and
        /// benchmarks reach every path with them (docs/generator.md). Empty for each architecture's best path.
        /// </summary>
        public IReadOnlyList<string> JitKnobs { get; }

        /// <summary>x64 AVX-VNNI: vpdpbusd on 256-bit vectors.</summary>
        public static readonly SimdPath AvxVnni = new SimdPath("AvxVnni", SimdArchitecture.X64, 32, 32, 16,
            Int8DotInstruction.FourWayWidening, "AvxVnni.IsSupported", new string[0]);

        /// <summary>x64 AVX-512BW: vpmaddubsw on 512-bit vectors.</summary>
        public static readonly SimdPath Avx512BW = new SimdPath("Avx512BW", SimdArchitecture.X64, 64, 64, 32,
            Int8DotInstruction.PairwiseSaturating, "Avx512BW.IsSupported", new[] { "DOTNET_EnableAVXVNNI=0" });

        /// <summary>x64 AVX2: vpmaddubsw on 256-bit vectors.</summary>
        public static readonly SimdPath Avx2 = new SimdPath("Avx2", SimdArchitecture.X64, 32, 32, 16,
            Int8DotInstruction.PairwiseSaturating, "Avx2.IsSupported", new[] { "DOTNET_EnableAVX512=0", "DOTNET_EnableAVXVNNI=0" });

        /// <summary>x64 SSE4.1: widening to int16 on 128-bit vectors.</summary>
        public static readonly SimdPath Sse41 = new SimdPath("Sse41", SimdArchitecture.X64, 16, 16, 16,
            Int8DotInstruction.WidenToInt16, "Sse41.IsSupported", new[] { "DOTNET_EnableAVX512=0", "DOTNET_EnableAVXVNNI=0", "DOTNET_EnableAVX2=0" });

        /// <summary>ARM64 with the dot-product extension: sdot on 128-bit vectors.</summary>
        public static readonly SimdPath AdvSimdDp = new SimdPath("AdvSimdDp", SimdArchitecture.Arm64, 16, 16, 32,
            Int8DotInstruction.FourWaySigned, "Dp.IsSupported", new string[0]);

        /// <summary>ARM64 AdvSimd: widening multiplies on 128-bit vectors.</summary>
        public static readonly SimdPath AdvSimd = new SimdPath("AdvSimd", SimdArchitecture.Arm64, 16, 16, 32,
            Int8DotInstruction.WidenToInt16, "AdvSimd.Arm64.IsSupported", new[] { "DOTNET_EnableArm64Dp=0" });

        /// <summary>Plain C#, no vectors: the path of last resort and the reference.</summary>
        public static readonly SimdPath Scalar = new SimdPath("Scalar", SimdArchitecture.Any, 0, 0, 0,
            Int8DotInstruction.Scalar, "true", new[] { "DOTNET_EnableHWIntrinsic=0" });

        /// <summary>Every path, fastest int8 path first within each architecture.</summary>
        public static IReadOnlyList<SimdPath> All { get; } = new[] { AvxVnni, Avx512BW, Avx2, Sse41, AdvSimdDp, AdvSimd, Scalar };

        /// <summary>
        /// The int8 paths in order of preference: vpdpbusd (256-bit) ahead of vpmaddubsw (512-bit), because one
        /// vpdpbusd does what vpmaddubsw + vpmaddwd + vpaddd do and two issue per cycle; then AVX2, SSE4.1, ARM64 sdot,
        /// ARM64 widening multiplies, scalar.
        /// </summary>
        public static IReadOnlyList<SimdPath> Int8Preference { get; } = All;

        /// <summary>
        /// The float32 paths in order of preference: the widest float vectors first (AVX-512, then 256-bit on AVX2 and
        /// AVX-VNNI machines, then 128-bit), scalar last.
        /// </summary>
        public static IReadOnlyList<SimdPath> FloatPreference { get; } = new[] { Avx512BW, Avx2, Sse41, AdvSimd, Scalar };

        /// <summary>The path named <paramref name="name"/> (as <see cref="Name"/> spells it), or null.</summary>
        public static SimdPath? FromName(string name)
        {
            foreach (SimdPath path in All)
            {
                if (path.Name == name)
                {
                    return path;
                }
            }
            return null;
        }

        /// <summary>The same path (paths are singletons).</summary>
        public bool Equals(SimdPath? other) => ReferenceEquals(this, other);

        /// <inheritdoc/>
        public override bool Equals(object? obj) => ReferenceEquals(this, obj);

        /// <inheritdoc/>
        public override int GetHashCode() => Name.GetHashCode();

        /// <inheritdoc/>
        public override string ToString() => Name;
    }

    /// <summary>The instruction set family a <see cref="SimdPath"/> belongs to.</summary>
    public enum SimdArchitecture
    {
        /// <summary>Plain C#: runs everywhere.</summary>
        Any,
        /// <summary>x86-64: SSE4.1, AVX2, AVX-512, AVX-VNNI.</summary>
        X64,
        /// <summary>ARM64: AdvSimd, dot product.</summary>
        Arm64,
    }

    /// <summary>How a path sums uint8 x int8 products into int32 lanes; every form is exact unless it says otherwise.</summary>
    public enum Int8DotInstruction
    {
        /// <summary>One multiply-add at a time in int32.</summary>
        Scalar,

        /// <summary>vpdpbusd (AVX-VNNI): four uint8 x int8 products added straight into an int32 lane, no intermediate saturation.</summary>
        FourWayWidening,

        /// <summary>vpmaddubsw + vpmaddwd (AVX2, AVX-512BW): adjacent products summed in int16 first, which can saturate.</summary>
        PairwiseSaturating,

        /// <summary>Both operands widened to int16, then pmaddwd / smull: products exact in int16 (|255 x -128| &lt; 2^15), sums in int32.</summary>
        WidenToInt16,

        /// <summary>sdot (ARM64 dot-product extension): four int8 x int8 products per int32 lane; uint8 inputs are offset by 128.</summary>
        FourWaySigned,
    }
}
