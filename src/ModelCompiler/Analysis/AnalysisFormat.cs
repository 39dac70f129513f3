using System.Globalization;

namespace Kws.Compiler.Analysis;

/// <summary>How numbers read in the console table, the findings and the HTML report: invariant culture, one style each.</summary>
public static class AnalysisFormat
{
    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Percent(double share) => share.ToString("0.00%", CultureInfo.InvariantCulture);

    /// <summary>A share small enough to need three decimals (clipped values).</summary>
    public static string FinePercent(double share) => share.ToString("0.000%", CultureInfo.InvariantCulture);

    /// <summary>A difference of two accuracies in percentage points, signed.</summary>
    public static string Points(double difference) =>
        (difference * 100).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + " points";

    public static string Db(double db) =>
        double.IsPositiveInfinity(db) ? "∞ dB (identical)" : db.ToString("0.0", CultureInfo.InvariantCulture) + " dB";

    /// <summary>Decibels in a table cell.</summary>
    public static string DbCell(double db) =>
        double.IsPositiveInfinity(db) ? "∞" : db.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Scientific(double value) => value.ToString("0.000e+00", CultureInfo.InvariantCulture);

    public static string Cosine(double value) => value.ToString("0.00000", CultureInfo.InvariantCulture);

    public static string Fixed4(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
