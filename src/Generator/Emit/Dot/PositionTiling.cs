using System;
using System.Collections.Generic;
using System.Linq;
using Kws.Generator.Emit;

namespace Kws.Generator.Emit.Dot
{
    /// <summary>
    /// How a dot-product layer's loops are blocked for one SIMD path: a tile of output positions times a chunk of
    /// output-channel vectors, all accumulators live in registers at once (so each weight load serves every position
    /// of the tile), then one narrower tile for the positions left over.
    /// </summary>
    internal sealed class PositionTiling
    {
        private PositionTiling(int from, int to, int positions, int vectors)
        {
            From = from;
            To = to;
            Positions = positions;
            Vectors = vectors;
        }

        public int From { get; }
        public int To { get; }

        /// <summary>Output positions computed together.</summary>
        public int Positions { get; }

        /// <summary>Output-channel vectors computed together (a divisor of the layer's vector count, at most the path's MaxTileVectors).</summary>
        public int Vectors { get; }

        /// <summary>The tiles of <paramref name="shape"/> with vectors of <paramref name="lanes"/> lanes within <paramref name="budget"/>.</summary>
        public static IEnumerable<PositionTiling> For(DotShape shape, int lanes, TileBudget budget)
        {
            int accumulators = shape.PaddedOutChannels / lanes;
            int vectors = Enumerable.Range(1, budget.MaxVectors).Last(n => accumulators % n == 0);
            int positions = Math.Max(1, Math.Min(budget.MaxPositions, budget.Accumulators / vectors));
            int tiled = shape.OutLength / positions * positions;
            if (tiled > 0) yield return new PositionTiling(0, tiled, positions, vectors);
            // The positions left over form one narrower tile, not a one-position loop: with a single position the
            // accumulators of a tile are too few to hide the dot product's latency (conv4's 5 positions were all left over).
            if (tiled < shape.OutLength) yield return new PositionTiling(tiled, shape.OutLength, shape.OutLength - tiled, vectors);
        }

        /// <summary>One line per accumulator (position p, vector a).</summary>
        public void EachAccumulator(CodeWriter w, Func<int, int, string> line)
        {
            for (int p = 0; p < Positions; p++)
            {
                for (int a = 0; a < Vectors; a++)
                {
                    w.Line(line(p, a));
                }
            }
        }
    }
}
