using BenchmarkDotNet.Attributes;
using Kws.Benchmarks.Configuration;

namespace Kws.Benchmarks.Suites;

/// <summary>
/// Measures the core's real clock, which a virtual machine hides (no cycle counters, nominal MHz only): a chain of
/// dependent 64-bit integer multiplies runs at one multiply per 3 cycles on every x86 core since Sandy Bridge
/// (imul r64, r64 latency 3), so nanoseconds per multiply / 3 is the cycle time. The MACs-per-cycle figures in
/// docs/benchmarks.md divide by the clock measured here, in the same run.
/// </summary>
[BenchmarkCategory("Calibration")]
[MeasuredJob]
public class ClockCalibration
{
    public const int Multiplies = 16 * 1024;
    private ulong _seed = 0x9E3779B97F4A7C15;
    private readonly ulong _factor = 0xBF58476D1CE4E5B9;

    /// <summary>16,384 dependent multiplies per call: cycles = 3 x 16,384, so clock (GHz) = 49,152 / time (ns).</summary>
    [Benchmark(Description = "clock: 16384 dependent imul")]
    public ulong DependentMultiply()
    {
        var x = _seed;
        var k = _factor;
        // Unrolled so the loop counter's work overlaps the chain and only the multiplies' latency counts.
        for (var i = 0; i < Multiplies / 8; i++)
        {
            x *= k;
            x *= k;
            x *= k;
            x *= k;
            x *= k;
            x *= k;
            x *= k;
            x *= k;
        }

        _seed = x;
        return x;
    }
}
