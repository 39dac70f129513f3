namespace Kws.Generator.Emit
{
    /// <summary>
    /// The instruction-set paths a generated layer can take, in order of preference. Each is chosen by an
    /// IsSupported check the JIT folds to a constant, so only one path survives in the compiled method.
    /// </summary>
    internal sealed class SimdPath
    {
        private SimdPath(string name, string condition, int vectorBytes, int registerBudget, int maxTileVectors = 4, int maxTilePositions = 4)
        {
            MaxTilePositions = maxTilePositions;
            Name = name;
            Condition = condition;
            VectorBytes = vectorBytes;
            RegisterBudget = registerBudget;
            MaxTileVectors = maxTileVectors;
        }

        /// <summary>What IKeywordModel.SimdPath reports.</summary>
        public string Name { get; }

        /// <summary>The C# condition that selects the path.</summary>
        public string Condition { get; }

        /// <summary>Bytes per vector register (0 for scalar).</summary>
        public int VectorBytes { get; }

        /// <summary>int32 or float lanes per vector.</summary>
        public int Lanes => VectorBytes / 4;

        /// <summary>"Vector512", "Vector256" or "Vector128".</summary>
        public string Vector => "Vector" + (VectorBytes * 8).ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>
        /// Accumulators one tile may keep live. x64 has 32 vector registers with AVX-512 and 16 otherwise (the split
        /// vpmaddubsw mix also needs temporaries); ARM64 has 32. vpdpbusd and sdot need about ten independent
        /// accumulators to hide their latency, so those paths get the most the register file allows (AVX-VNNI: 12
        /// accumulators + 2 weight vectors + 1 broadcast input in its 16 ymm registers; 12 + 4 weights would spill).
        /// </summary>
        public int RegisterBudget { get; }

        /// <summary>
        /// Output-channel vectors one tile may span. Their weights stay in registers beside the accumulators, so a
        /// path with 16 registers and a big accumulator budget takes fewer channel vectors and more positions.
        /// </summary>
        public int MaxTileVectors { get; }

        /// <summary>Output positions one tile may span (each adds one broadcast input, and more on the split paths).</summary>
        public int MaxTilePositions { get; }

        public static readonly SimdPath Avx512BW = new SimdPath("Avx512BW", "Avx512BW.IsSupported", 64, 12);
        public static readonly SimdPath AvxVnni = new SimdPath("AvxVnni", "AvxVnni.IsSupported", 32, 12, maxTileVectors: 2, maxTilePositions: 6);
        public static readonly SimdPath Avx2 = new SimdPath("Avx2", "Avx2.IsSupported", 32, 6);
        public static readonly SimdPath Sse41 = new SimdPath("Vector128", "Sse41.IsSupported", 16, 6);
        public static readonly SimdPath ArmDotProduct = new SimdPath("AdvSimdDp", "Dp.IsSupported", 16, 12);
        public static readonly SimdPath AdvSimd = new SimdPath("AdvSimd", "AdvSimd.Arm64.IsSupported", 16, 8);
        public static readonly SimdPath Vector128 = new SimdPath("Vector128", "Vector128.IsHardwareAccelerated", 16, 6);
        public static readonly SimdPath Scalar = new SimdPath("Scalar", "true", 0, 1);

        /// <summary>
        /// The int8 paths, fastest first: vpdpbusd (256) ahead of vpmaddubsw (512), because one vpdpbusd does what
        /// vpmaddubsw + vpmaddwd + vpaddd do (twice that with the split) and two issue per cycle; then vpmaddubsw
        /// (256), pmaddwd (128), ARM64 sdot, ARM64 widening multiplies, scalar.
        /// </summary>
        public static readonly SimdPath[] Int8 = { AvxVnni, Avx512BW, Avx2, Sse41, ArmDotProduct, AdvSimd, Scalar };

        /// <summary>The float32 paths: plain vector multiply and add at each width.</summary>
        public static readonly SimdPath[] Float = { Avx512BW, Avx2, Vector128, Scalar };
    }
}
