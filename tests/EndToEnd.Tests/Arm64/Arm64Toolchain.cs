namespace Kws.EndToEnd.Tests.Arm64;

/// <summary>
/// The tools an x64 Debian machine needs to publish kws for linux-arm64 and run it under qemu, all from
/// <c>.ci/arm64-toolchain.sh</c> (docs/arm64.md says why each one is needed).
/// </summary>
internal static class Arm64Toolchain
{
    private const string GccCrossDirectory = "/usr/lib/gcc-cross/aarch64-linux-gnu";

    // Native AOT links with clang (which runs the target's ld.bfd) and strips with llvm-objcopy.
    private static readonly string[] LinkTools = ["clang", "llvm-objcopy", "aarch64-linux-gnu-ld.bfd"];

    /// <summary>qemu's user-mode emulator for aarch64, or null when neither package is installed.</summary>
    public static string? Qemu { get; } =
        FindOnPath("qemu-aarch64-static") ?? FindOnPath("qemu-aarch64");

    /// <summary>What is missing for an arm64 publish and emulated run, or null when everything is in place.</summary>
    public static string? Missing()
    {
        var missing = LinkTools.Where(tool => FindOnPath(tool) is null).ToList();
        if (Qemu is null)
        {
            missing.Add("qemu-aarch64-static");
        }
        if (!File.Exists("/usr/aarch64-linux-gnu/lib/libc.so.6"))
        {
            missing.Add("/usr/aarch64-linux-gnu (libc6-dev-arm64-cross)");
        }
        // The run uses Debian's own arm64 loader and glibc (multiarch), so qemu needs no -L prefix.
        if (!File.Exists("/lib/ld-linux-aarch64.so.1") || !File.Exists("/lib/aarch64-linux-gnu/libc.so.6"))
        {
            missing.Add("libc6:arm64");
        }
        if (!Directory.Exists(GccCrossDirectory)
            || !Directory.EnumerateFiles(GccCrossDirectory, "crtbeginS.o", SearchOption.AllDirectories).Any())
        {
            missing.Add($"{GccCrossDirectory} (libgcc-12-dev-arm64-cross)");
        }
        return missing.Count == 0 ? null : string.Join(", ", missing);
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}
