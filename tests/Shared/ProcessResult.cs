namespace Kws.Tests.Shared;

/// <summary>What one run of a process left behind: its exit code, everything it wrote, and what it cost.</summary>
internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>The non-empty lines of standard error.</summary>
    public string[] ErrorLines => StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Peak resident memory (VmHWM) as last read while it ran; null if it ended before the first reading.</summary>
    public long? PeakResidentBytes { get; init; }

    public TimeSpan Elapsed { get; init; }

    public override string ToString() =>
        $"exit {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
