using Kws.Tests.Shared;

namespace Kws.EndToEnd.Tests;

/// <summary>
/// The JIT knobs that switch SIMD paths do not reach a Native AOT binary, so the same published binary is run under
/// qemu's x86-64 user-mode emulator with an older CPU model: a Haswell has AVX2 but no AVX-VNNI, so the x86-64-v3
/// binary takes its AVX2 path there, and must give bit-identical answers; a Nehalem lacks AVX2, so it must refuse to start.
/// </summary>
public sealed class SimdPathTests
{
    private const string Qemu = "/usr/bin/qemu-x86_64-static";
    private static readonly TimeSpan EmulatedTimeout = TimeSpan.FromMinutes(5);

    [Test]
    public void AvxVnniAndAvx2PathsGiveIdenticalAnswers()
    {
        RequireQemu();
        string[] files = ReferenceSamples.Clips().Take(6).Select(c => c.File).ToArray();
        var native = KwsJson.Classifications(PublishedKws.Run([.. files, "--json"]));
        var haswell = KwsJson.Classifications(Emulate("Haswell", [.. files, "--json"]));
        for (int i = 0; i < files.Length; i++)
        {
            Assert.That(haswell[i].LogProbs, Is.EqualTo(native[i].LogProbs), files[i]);
        }
    }

    [Test]
    public void InfoNamesThePathTheCpuAllows()
    {
        RequireQemu();
        ProcessResult info = Emulate("Haswell", ["info"]);
        Assert.That(info.ExitCode, Is.Zero, info.ToString());
        Assert.That(info.StandardOutput, Does.Match(@"simd\s+Avx2\b"), info.StandardOutput);
    }

    [Test]
    public void CpuWithoutTheBaselineIsRefusedAtStart()
    {
        RequireQemu();
        ProcessResult result = Emulate("Nehalem", ["--help"]);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
            Assert.That(result.StandardError, Does.Contain("required instruction sets are not supported"), result.ToString());
        });
    }

    private static ProcessResult Emulate(string cpu, string[] arguments)
    {
        ProcessResult result = ProcessRunner.Run(Qemu, ["-cpu", cpu, PublishedKws.Binary, .. arguments], EmulatedTimeout, RepositoryPaths.Models);
        // qemu warns about CPUID bits TCG cannot emulate; those lines are not kws's.
        string stderr = string.Join('\n', result.StandardError.Split('\n').Where(l => !l.StartsWith("qemu-x86_64-static: warning:", StringComparison.Ordinal)));
        return result with { StandardError = stderr };
    }

    private static void RequireQemu()
    {
        if (!File.Exists(Qemu))
        {
            Assert.Ignore($"{Qemu} is not installed (Debian package qemu-user-static); the SIMD-path runs need it");
        }
    }
}
