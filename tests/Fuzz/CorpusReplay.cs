using System.Diagnostics;
using Kws.Fuzz.Targets;

namespace Kws.Fuzz;

/// <summary>Runs files, folders or corpus archives through a target without a fuzzer, to reproduce a finding or check a corpus by hand.</summary>
public static class CorpusReplay
{
    public static int Run(IFuzzTarget target, IEnumerable<string> paths, TextWriter output)
    {
        int accepted = 0, refused = 0, findings = 0;
        var clock = Stopwatch.StartNew();
        foreach (var (name, bytes) in paths.SelectMany(CorpusFiles.Read))
        {
            try
            {
                if (FuzzCase.Run(target, bytes)) accepted++;
                else refused++;
            }
            catch (Exception e)
            {
                findings++;
                output.WriteLine($"{name}: {e.GetType().Name}: {e.Message}");
            }
        }
        output.WriteLine($"{target.Name}: {accepted} accepted, {refused} refused, {findings} findings in {clock.Elapsed.TotalSeconds:F1} s");
        return findings == 0 ? 0 : 1;
    }
}
