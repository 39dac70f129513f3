namespace Kws.Cli;

/// <summary>
/// The exit codes of both tools, kws and kwsc (docs/cli.md), following the sysexits convention where it has one.
/// </summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked (also: help and version printed).</summary>
    public const int Success = 0;

    /// <summary>An input the user named cannot be used: missing or unreadable file, not a WAV, a bad checkpoint or manifest.</summary>
    public const int BadInput = 1;

    /// <summary>The command line itself is wrong: unknown command or option, missing or extra argument, bad option value.</summary>
    public const int Usage = 2;

    /// <summary>A bug in our code (EX_SOFTWARE): anything that is neither of the above.</summary>
    public const int InternalError = 70;
}
