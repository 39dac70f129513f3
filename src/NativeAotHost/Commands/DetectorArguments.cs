using System.Globalization;
using Kws.Runtime.Detection;

namespace Kws.Host.Commands;

/// <summary>The detector's tuning options shared by <c>kws detect</c> and <c>kws listen</c>, with their defaults.</summary>
internal static class DetectorArguments
{
    public static readonly string[] ValueOptions = ["--hop", "--average", "--threshold", "--suppress"];

    public const string Help = """
          --hop <seconds>           time between looks of the model (default 0.1)
          --average <seconds>       how far back the looks' probabilities are averaged (default 0.5)
          --threshold <p>           averaged probability a word needs to be reported, 0 to 1 (default 0.5)
          --suppress <seconds>      a word is not reported again until it has been gone this long (default 1.0)
    """;

    public static DetectorOptions From(ParsedArguments commandLine)
    {
        var defaults = new DetectorOptions();
        var options = defaults with
        {
            HopSeconds = Number(commandLine, "--hop", defaults.HopSeconds),
            AverageWindowSeconds = Number(commandLine, "--average", defaults.AverageWindowSeconds),
            Threshold = (float)Number(commandLine, "--threshold", defaults.Threshold),
            SuppressionSeconds = Number(commandLine, "--suppress", defaults.SuppressionSeconds),
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
        return options;
    }

    private static double Number(ParsedArguments commandLine, string option, double fallback)
    {
        string? text = commandLine.Option(option);
        if (text is null)
        {
            return fallback;
        }
        if (text.Length > 32 || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new UsageException($"{option} must be a number, got '{(text.Length > 32 ? text[..32] + "..." : text)}'");
        }
        return value;
    }
}
