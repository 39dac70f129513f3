namespace Kws.Tests.Shared;

/// <summary>What one run of a process left behind: its exit code and everything it wrote.</summary>
internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>The non-empty lines of standard error.</summary>
    public string[] ErrorLines => StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() =>
        $"exit {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
