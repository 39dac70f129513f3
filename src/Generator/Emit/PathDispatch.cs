using System;
using System.Collections.Generic;
using System.Linq;
using Kws.Runtime.Simd;

namespace Kws.Generator.Emit
{
    /// <summary>
    /// Emits the if / else-if chain that picks one <see cref="SimdPath"/> per layer (each condition a constant to the JIT,
    /// so only one branch survives); the last path is the unconditional fallback. Consecutive paths whose code would be
    /// the same (the same <paramref name="bodyKey"/>) share one branch, e.g. the 128-bit float code of SSE4.1 and ARM64.
    /// </summary>
    internal static class PathDispatch
    {
        public static void Emit(CodeWriter w, IReadOnlyList<SimdPath> paths, Action<SimdPath> body, Func<SimdPath, int>? bodyKey = null)
        {
            var groups = new List<List<SimdPath>>();
            foreach (SimdPath path in paths)
            {
                if (bodyKey is not null && groups.Count > 0 && bodyKey(groups[groups.Count - 1][0]) == bodyKey(path) && path != SimdPath.Scalar)
                {
                    groups[groups.Count - 1].Add(path);
                }
                else
                {
                    groups.Add(new List<SimdPath> { path });
                }
            }
            for (int n = 0; n < groups.Count; n++)
            {
                string condition = string.Join(" || ", groups[n].Select(p => p.IsSupportedExpression));
                w.Open(n == groups.Count - 1 ? "else" : (n == 0 ? "if" : "else if") + $" ({condition})");
                body(groups[n][0]);
                w.Close();
            }
        }
    }
}
