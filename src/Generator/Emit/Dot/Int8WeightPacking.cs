using System;

namespace Kws.Generator.Emit.Dot
{
    /// <summary>
    /// Lays out int8 weights in the order the kernels read them, and decides whether vpmaddubsw is safe.
    /// Layout: [group][outChannel][4], where window byte d = 4 * group + j is tap d / InStride of input channel
    /// d % InStride. One 32-bit lane then holds one output channel's four weights for four consecutive window bytes:
    /// exactly what vpdpbusd, sdot and vpmaddubsw + vpmaddwd consume against four broadcast input bytes.
    /// </summary>
    internal sealed class Int8WeightPacking
    {
        private Int8WeightPacking(sbyte[] packed, int largestPairMagnitude)
        {
            Packed = packed;
            LargestPairMagnitude = largestPairMagnitude;
        }

        public sbyte[] Packed { get; }

        /// <summary>
        /// The largest |sum| of same-signed weights in an adjacent pair: vpmaddubsw adds two uint8 x int8 products in
        /// int16, so with inputs up to 255 a pair is safe when its positive weights sum to at most 128 and its negative
        /// weights to at least -128 (255 * 128 = 32640 &lt;= 32767). Pairs of opposite sign can never saturate.
        /// </summary>
        public int LargestPairMagnitude { get; }

        public bool MaddubsSafe => LargestPairMagnitude <= 128;

        public static Int8WeightPacking Pack(sbyte[] weights, DotShape shape)
        {
            int rows = shape.PaddedOutChannels * 4;
            var packed = new sbyte[shape.Groups * rows];
            for (int o = 0; o < shape.OutChannels; o++)
            {
                for (int k = 0; k < shape.Kernel; k++)
                {
                    for (int i = 0; i < shape.InChannels; i++)
                    {
                        int d = k * shape.InStride + i;
                        packed[(d >> 2) * rows + o * 4 + (d & 3)] = weights[shape.SourceIndex(o, i, k)];
                    }
                }
            }
            int largest = 0;
            for (int pair = 0; pair < packed.Length; pair += 2)
            {
                largest = Math.Max(largest, PairMagnitude(packed[pair], packed[pair + 1]));
            }
            return new Int8WeightPacking(packed, largest);
        }

        private static int PairMagnitude(sbyte a, sbyte b)
        {
            int positive = Math.Max((int)a, 0) + Math.Max((int)b, 0);
            int negative = Math.Min((int)a, 0) + Math.Min((int)b, 0);
            return Math.Max(positive, -negative);
        }
    }
}
