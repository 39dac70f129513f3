namespace Kws.Host.Cli;

/// <summary>Process exit codes, following the sysexits convention where it has one.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int BadInput = 1;
    public const int Usage = 2;
    public const int InternalError = 70;
}
