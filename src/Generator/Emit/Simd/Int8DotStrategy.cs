using Kws.Runtime.Simd;

namespace Kws.Generator.Emit.Simd
{
    /// <summary>
    /// How one SIMD path's int8 tile is written: how the four broadcast window bytes become an input vector, and how
    /// one accumulator takes the products with one weight vector. Each int32 lane accumulates one output channel's dot
    /// product exactly (four window bytes per step), so every strategy gives the same sums; they differ in
    /// instructions only. The strategy for a path follows from what the path can do (<see cref="SimdPath.Int8Dot"/>).
    /// </summary>
    internal abstract class Int8DotStrategy
    {
        protected Int8DotStrategy(SimdPath path) => Path = path;

        public SimdPath Path { get; }

        /// <summary>"Vector256" etc.: the vector type of the path's int8 code.</summary>
        public string Vector => "Vector" + (Path.VectorBytes * 8).ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>True when the strategy reads the inputs as (q - 128) and needs the correction that adds 128 * sum(w) back.</summary>
        public virtual bool UsesSignedCorrection => false;

        /// <summary>True when, with these weights, the input bytes must be split so that no int16 pair saturates.</summary>
        public virtual bool Splits(bool maddubsSafe) => false;

        /// <summary>One comment line naming the instructions (and whether the input is split).</summary>
        public abstract string Comment(bool split);

        /// <summary>Constants the tile needs before its loops.</summary>
        public virtual void EmitConstants(CodeWriter w, bool split)
        {
        }

        /// <summary>Extra per-group work on weight vector <paramref name="a"/> (loaded as w{a}).</summary>
        public virtual void EmitWeightPreparation(CodeWriter w, int a)
        {
        }

        /// <summary>The statement that makes input vector x{p} from <paramref name="four"/> (a broadcast int of four window bytes).</summary>
        public abstract string InputVector(int p, string four);

        /// <summary>Extra statements after x{p} is made (the split halves).</summary>
        public virtual void EmitInputSplit(CodeWriter w, int p)
        {
        }

        /// <summary>The expression that adds the products of x{p} and w{a} to accumulator <paramref name="acc"/>.</summary>
        public abstract string Dot(string acc, int p, int a, bool split);

        public static Int8DotStrategy For(SimdPath path)
        {
            switch (path.Int8Dot)
            {
                case Int8DotInstruction.FourWayWidening: return new FourWayWideningDot(path);
                case Int8DotInstruction.PairwiseSaturating: return new PairwiseSaturatingDot(path);
                case Int8DotInstruction.FourWaySigned: return new FourWaySignedDot(path);
                case Int8DotInstruction.WidenToInt16 when path.Architecture == SimdArchitecture.Arm64: return new ArmWideningDot(path);
                case Int8DotInstruction.WidenToInt16: return new X64WideningDot(path);
                default: throw new System.ArgumentException($"{path} has no vector int8 dot product", nameof(path));
            }
        }
    }
}
