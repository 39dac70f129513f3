namespace Kws.Generator.Emit
{
    /// <summary>
    /// The small shared steps every generated model uses, emitted once per class: the requantization rule at each
    /// vector width (the interpreter's Requantizer, lane by lane) and the narrowing stores.
    /// </summary>
    internal static class HelperEmitter
    {
        public static void Emit(CodeWriter w)
        {
            w.Line("/// <summary>The reference rule: clamp(round_half_even((float)acc * multiplier + offset) + zeroPoint, min, 255), multiply and add never fused.</summary>");
            w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
            w.Open("private static byte Requantize(int acc, float multiplier, float offset, int zeroPoint, int min)");
            w.Line("float scaled = (float)acc * multiplier;");
            w.Line("float shifted = scaled + offset;");
            w.Line("return ClampToByte(MathF.Round(shifted, MidpointRounding.ToEven) + zeroPoint, min);");
            w.Close();
            w.Line();
            w.Line("/// <summary>An integer-valued float clamped to [min, 255]; NaN gives min.</summary>");
            w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
            w.Open("private static byte ClampToByte(float code, int min)");
            w.Line("if (!(code >= min)) return (byte)min;");
            w.Line("return code > 255f ? (byte)255 : (byte)(int)code;");
            w.Close();
            foreach (string v in new[] { "Vector512", "Vector256", "Vector128" })
            {
                w.Line();
                w.Line("/// <summary>");
                w.Line("/// The same rule on every lane, with the clamp moved before the rounding: for integer bounds,");
                w.Line("/// round(clamp(s, min - zp, 255 - zp)) + zp equals clamp(round(s) + zp, min, 255), and the clamped value");
                w.Line("/// converts exactly. s is never NaN (RequantizationPlan rejects non-finite multipliers and offsets), so the Native min, max");
                w.Line("/// and conversion give the same answer on every platform; Round is round-half-to-even.");
                w.Line("/// </summary>");
                w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
                w.Open($"private static {v}<int> Requantize({v}<int> acc, {v}<float> multiplier, {v}<float> offset, int zeroPoint, int min)");
                w.Line($"{v}<float> scaled = {v}.ConvertToSingle(acc) * multiplier;");
                w.Line($"{v}<float> shifted = scaled + offset;");
                w.Line($"shifted = {v}.MinNative({v}.MaxNative(shifted, {v}.Create((float)(min - zeroPoint))), {v}.Create((float)(255 - zeroPoint)));");
                w.Line($"return {v}.ConvertToInt32Native({v}.Round(shifted)) + {v}.Create(zeroPoint);");
                w.Close();
            }
            foreach (string v in new[] { "Vector256", "Vector128" })
            {
                w.Line();
                w.Line("/// <summary>Four vectors of codes in [0, 255] as one vector of bytes, in order.</summary>");
                w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
                w.Open($"private static {v}<byte> NarrowToBytes({v}<int> a, {v}<int> b, {v}<int> c, {v}<int> d)");
                w.Line($"return {v}.Narrow({v}.Narrow(a, b).AsUInt16(), {v}.Narrow(c, d).AsUInt16());");
                w.Close();
            }
            w.Line();
            w.Line("/// <summary>Two vectors of codes in [0, 255] as sixteen bytes, in order.</summary>");
            w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
            w.Open("private static Vector128<byte> NarrowToBytes(Vector256<int> a, Vector256<int> b)");
            w.Line("Vector256<ushort> words = Vector256.Narrow(a, b).AsUInt16();");
            w.Line("return Vector256.Narrow(words, words).GetLower();");
            w.Close();
            w.Line();
            w.Line("/// <summary>Eight codes in [0, 255] as eight bytes.</summary>");
            w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
            w.Open("private static ulong NarrowToBytes(Vector256<int> codes)");
            w.Line("Vector256<ushort> words = Vector256.Narrow(codes, codes).AsUInt16();");
            w.Line("return Vector256.Narrow(words, words).AsUInt64().ToScalar();");
            w.Close();
            w.Line();
            w.Line("/// <summary>Four codes in [0, 255] as four bytes.</summary>");
            w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
            w.Open("private static uint NarrowToBytes(Vector128<int> codes)");
            w.Line("Vector128<ushort> words = Vector128.Narrow(codes, codes).AsUInt16();");
            w.Line("return Vector128.Narrow(words, words).AsUInt32().ToScalar();");
            w.Close();
        }
    }
}
