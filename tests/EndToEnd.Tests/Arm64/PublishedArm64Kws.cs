using Kws.Tests.Shared;

namespace Kws.EndToEnd.Tests.Arm64;

/// <summary>
/// Cross-publishes kws for linux-arm64 once per test run, with the command docs/arm64.md gives a user, and runs it
/// under qemu's user-mode emulator. Ignores every arm64 test, saying what is missing, when the toolchain is not
/// installed (<c>.ci/arm64-toolchain.sh</c> installs it). Set <c>KWS_ARM64_BINARY</c> to an already published
/// arm64 kws to skip the publish.
/// </summary>
[SetUpFixture]
public sealed class PublishedArm64Kws
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(20);

    // Emulation is 10-50 times slower than the real thing; a whole-folder classification still takes seconds.
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(10);

    private static string? _binary;
    private static string? _workDirectory;

    /// <summary>Absolute path of the published aarch64 executable.</summary>
    internal static string Binary => _binary ?? throw new InvalidOperationException("kws was not published for linux-arm64 (OneTimeSetUp failed)");

    [OneTimeSetUp]
    public void Publish()
    {
        if (Arm64Toolchain.Missing() is { } missing)
        {
            Assert.Ignore($"the linux-arm64 toolchain is not installed (missing: {missing}); run .ci/arm64-toolchain.sh as root");
        }
        if (Environment.GetEnvironmentVariable("KWS_ARM64_BINARY") is { Length: > 0 } given)
        {
            Assert.That(File.Exists(given), Is.True, $"KWS_ARM64_BINARY={given} does not exist");
            _binary = Path.GetFullPath(given);
            return;
        }

        _workDirectory = Path.Combine(Path.GetTempPath(), "kws-arm64-e2e-" + Guid.NewGuid().ToString("N"));
        string output = Path.Combine(_workDirectory, "out");
        // Own bin/obj folders, so this restore for linux-arm64 never rewrites the ones the x64 build uses.
        string artifacts = Path.Combine(_workDirectory, "artifacts");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        ProcessResult publish = ProcessRunner.Run(DotnetCli.Host,
            ["publish", Path.Combine(RepositoryPaths.Root, "src", "NativeAotHost"), "-c", "Release", "-r", "linux-arm64",
             "-o", output, "--artifacts-path", artifacts, "--nologo"],
            PublishTimeout, RepositoryPaths.Root, environment: DotnetCli.WithoutParentMsBuild());
        Assert.That(publish.ExitCode, Is.Zero, $"dotnet publish -r linux-arm64 failed:\n{publish}");
        _binary = Path.Combine(output, "kws");
        Assert.That(File.Exists(_binary), Is.True, $"dotnet publish did not produce {_binary}:\n{publish}");
        TestContext.Progress.WriteLine(
            $"published kws for linux-arm64 in {clock.Elapsed.TotalSeconds:0} s: {new FileInfo(_binary).Length} bytes");
    }

    [OneTimeTearDown]
    public void Clean()
    {
        if (_workDirectory is not null && Directory.Exists(_workDirectory))
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
    }

    /// <summary>
    /// Runs the arm64 kws on the emulated CPU <paramref name="cpu"/> (a qemu <c>-cpu</c> model), from the repository's
    /// <c>models/</c> folder as <see cref="PublishedKws.Run"/> does for x64.
    /// </summary>
    internal static ProcessResult Run(string cpu, params string[] arguments) => RunWithInput(cpu, null, arguments);

    /// <summary>As <see cref="Run"/>, with <paramref name="standardInput"/> written to the process's standard input.</summary>
    internal static ProcessResult RunWithInput(string cpu, byte[]? standardInput, params string[] arguments) =>
        ProcessRunner.Run(Arm64Toolchain.Qemu!, ["-cpu", cpu, Binary, .. arguments],
            RunTimeout, RepositoryPaths.Models, standardInput);
}
