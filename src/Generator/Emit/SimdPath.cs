namespace Kws.Generator.Emit
{
    /// <summary>
    /// The instruction-set paths a generated layer can take, in order of preference. Each is chosen by an
    /// IsSupported check the JIT folds to a constant, so only one path survives in the compiled method.
    /// </summary>
    internal sealed class SimdPath
    {
        private SimdPath(string name, string condition, int vectorBytes)
        {
            Name = name;
            Condition = condition;
            VectorBytes = vectorBytes;
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

        /// <summary>Accumulators one tile may keep live: x64 has 32 registers with AVX-512, 16 otherwise.</summary>
        public int RegisterBudget => VectorBytes == 64 ? 12 : 6;

        public static readonly SimdPath Avx512BW = new SimdPath("Avx512BW", "Avx512BW.IsSupported", 64);
        public static readonly SimdPath AvxVnni = new SimdPath("AvxVnni", "AvxVnni.IsSupported", 32);
        public static readonly SimdPath Avx2 = new SimdPath("Avx2", "Avx2.IsSupported", 32);
        public static readonly SimdPath Sse41 = new SimdPath("Vector128", "Sse41.IsSupported", 16);
        public static readonly SimdPath ArmDotProduct = new SimdPath("Vector128", "Dp.IsSupported", 16);
        public static readonly SimdPath Vector128 = new SimdPath("Vector128", "Vector128.IsHardwareAccelerated", 16);
        public static readonly SimdPath Scalar = new SimdPath("Scalar", "true", 0);

        /// <summary>The int8 paths: vpmaddubsw (512), vpdpbusd (256), vpmaddubsw (256), pmaddwd (128), sdot (128), scalar.</summary>
        public static readonly SimdPath[] Int8 = { Avx512BW, AvxVnni, Avx2, Sse41, ArmDotProduct, Scalar };

        /// <summary>The float32 paths: plain vector multiply and add at each width.</summary>
        public static readonly SimdPath[] Float = { Avx512BW, Avx2, Vector128, Scalar };
    }
}
