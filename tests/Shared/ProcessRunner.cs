using System.Diagnostics;

namespace Kws.Tests.Shared;

/// <summary>
/// Runs a program to completion with a time limit, capturing both output streams (read concurrently, so neither can
/// fill up and block) and, on Linux, its peak resident memory: /proc/&lt;pid&gt;/status VmHWM, the kernel's high-water
/// mark, read every millisecond while it runs (the last reading before exit is the peak but for what it touched in
/// that last millisecond).
/// </summary>
internal static class ProcessRunner
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(1);

    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, TimeSpan timeout,
        string? workingDirectory = null, byte[]? standardInput = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        Task stdin = Task.Run(() =>
        {
            try
            {
                if (standardInput is not null)
                {
                    process.StandardInput.BaseStream.Write(standardInput);
                }
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The program exited without reading all of its input; its exit code and output still tell what happened.
            }
        });
        long? peak = null;
        var clock = Stopwatch.StartNew();
        while (!process.WaitForExit(PollInterval))
        {
            peak = Math.Max(peak ?? 0, PeakResidentBytes(process.Id) ?? 0);
            if (clock.Elapsed > timeout)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}");
            }
        }
        process.WaitForExit();
        stdin.Wait();
        return new ProcessResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult())
        {
            PeakResidentBytes = peak,
            Elapsed = clock.Elapsed,
        };
    }

    /// <summary>VmHWM of a running process, or null when it has gone (or there is no /proc).</summary>
    private static long? PeakResidentBytes(int pid)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }
}
