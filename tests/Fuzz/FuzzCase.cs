using Kws.Fuzz.Targets;

namespace Kws.Fuzz;

/// <summary>One input through one target: a typed reader error is an answer, any other exception escapes as a finding.</summary>
public static class FuzzCase
{
    /// <summary>True when the reader accepted the input, false when it refused it with its own error.</summary>
    public static bool Run(IFuzzTarget target, byte[] input)
    {
        try
        {
            target.Run(input);
            return true;
        }
        catch (Exception e) when (target.IsReaderError(e))
        {
            return false;
        }
    }
}
