using System;
using System.Collections.Generic;
using System.Linq;
using Kws.Generator.Emit;

namespace Kws.Generator.Emit.Dot
{
    /// <summary>
    /// How a dot-product layer's loops are blocked for one SIMD path: a tile of output rows (each one position, or a
    /// fused pool window of <see cref="DotShape.Pool"/> positions) times a chunk of output-channel vectors, all
    /// accumulators live in registers at once (so each weight load serves every position of the tile), then one narrower
    /// tile for the rows left over.
    /// </summary>
    internal sealed class PositionTiling
    {
        private PositionTiling(int from, int to, int rows, int pool, int vectors)
        {
            From = from;
            To = to;
            Rows = rows;
            Positions = rows * pool;
            Vectors = vectors;
        }

        /// <summary>First output row of the tiles.</summary>
        public int From { get; }

        /// <summary>End of the rows the tiles cover.</summary>
        public int To { get; }

        /// <summary>Output rows computed together.</summary>
        public int Rows { get; }

        /// <summary>Positions computed together: rows times the pool window.</summary>
        public int Positions { get; }

        /// <summary>Output-channel vectors computed together (a divisor of the layer's vector count, at most the path's MaxTileVectors).</summary>
        public int Vectors { get; }

        /// <summary>The tiles of <paramref name="shape"/> with vectors of <paramref name="lanes"/> lanes within <paramref name="budget"/>.</summary>
        public static IEnumerable<PositionTiling> For(DotShape shape, int lanes, TileBudget budget)
        {
            int pool = shape.Pool;
            int accumulators = shape.PaddedOutChannels / lanes;
            // As many channel vectors as fit beside at least one whole pool window.
            int vectors = Enumerable.Range(1, budget.MaxVectors).Last(n => accumulators % n == 0 && (n == 1 || n * pool <= budget.Accumulators));
            int positions = Math.Max(1, Math.Min(budget.MaxPositions, budget.Accumulators / vectors));
            int rows = Math.Max(1, positions / pool);
            int tiled = shape.Rows / rows * rows;
            if (tiled > 0) yield return new PositionTiling(0, tiled, rows, pool, vectors);
            // The rows left over form one narrower tile, not a one-row loop: with a single position the accumulators of
            // a tile are too few to hide the dot product's latency (conv4's 5 positions were all left over).
            if (tiled < shape.Rows) yield return new PositionTiling(tiled, shape.Rows, shape.Rows - tiled, pool, vectors);
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
