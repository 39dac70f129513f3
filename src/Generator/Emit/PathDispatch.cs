using System;
using System.Collections.Generic;

namespace Kws.Generator.Emit
{
    /// <summary>Emits the if / else-if chain that picks one <see cref="SimdPath"/> per layer; the last path is the unconditional fallback.</summary>
    internal static class PathDispatch
    {
        public static void Emit(CodeWriter w, IReadOnlyList<SimdPath> paths, Action<SimdPath> body)
        {
            for (int n = 0; n < paths.Count; n++)
            {
                SimdPath path = paths[n];
                w.Open(n == paths.Count - 1 ? "else" : (n == 0 ? "if" : "else if") + $" ({path.Condition})");
                body(path);
                w.Close();
            }
        }
    }
}
