using Kws.Runtime.Simd;

namespace Kws.Generator.Emit.Dot
{
    /// <summary>
    /// How many accumulators and operands one tile of a dot-product layer may keep in registers on a SIMD path: the
    /// generator's tuning of each path (the path itself only states its register file, <see cref="SimdPath.VectorRegisters"/>).
    /// </summary>
    internal sealed class TileBudget
    {
        private TileBudget(int accumulators, int maxVectors, int maxPositions)
        {
            Accumulators = accumulators;
            MaxVectors = maxVectors;
            MaxPositions = maxPositions;
        }

        /// <summary>
        /// Accumulators one tile may keep live. x64 has 32 vector registers with AVX-512 and 16 otherwise (the split
        /// vpmaddubsw mix also needs temporaries); ARM64 has 32. vpdpbusd and sdot need about ten independent
        /// accumulators to hide their latency, so those paths get the most the register file allows (AVX-VNNI: 12
        /// accumulators + 2 weight vectors + 1 broadcast input in its 16 ymm registers; 12 + 4 weights would spill).
        /// </summary>
        public int Accumulators { get; }

        /// <summary>
        /// Output-channel vectors one tile may span. Their weights stay in registers beside the accumulators, so a
        /// path with 16 registers and a big accumulator budget takes fewer channel vectors and more positions.
        /// </summary>
        public int MaxVectors { get; }

        /// <summary>Output positions one tile may span (each adds one broadcast input, and more on the split paths).</summary>
        public int MaxPositions { get; }

        public static TileBudget For(SimdPath path)
        {
            if (path.Int8Dot == Int8DotInstruction.FourWayWidening) return new TileBudget(12, 2, 6);
            if (path.Int8Dot == Int8DotInstruction.FourWaySigned) return new TileBudget(12, 4, 4);
            if (path.VectorRegisters >= 32 && path.Architecture == SimdArchitecture.X64) return new TileBudget(12, 4, 4);
            if (path.Architecture == SimdArchitecture.Arm64) return new TileBudget(8, 4, 4);
            return new TileBudget(6, 4, 4);
        }

        /// <summary>The budget of a float32 tile on a path: the same register file, plain multiplies and adds.</summary>
        public static TileBudget ForFloat(SimdPath path) =>
            path.FloatVectorBytes == 64 ? new TileBudget(12, 4, 4) : new TileBudget(6, 4, 4);
    }
}
