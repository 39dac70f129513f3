using Kws.Tests.Shared;

namespace Kws.EndToEnd.Tests;

/// <summary>
/// The kwsc this test project's build made (src/ModelCompiler, built in the same configuration through the fuzz
/// harness's reference), run as a user runs it: <c>dotnet kwsc.dll ...</c> from the repository root.
/// </summary>
internal static class BuiltKwsc
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    public static string Assembly { get; } = Path.Combine(RepositoryPaths.Root, "src", "ModelCompiler", "bin",
        typeof(BuiltKwsc).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .Cast<System.Reflection.AssemblyConfigurationAttribute>().Single().Configuration, "net10.0", "kwsc.dll");

    public static ProcessResult RunWithInput(byte[]? standardInput, params string[] arguments)
    {
        if (!File.Exists(Assembly))
        {
            throw new FileNotFoundException($"{Assembly} is missing: the build of tests/EndToEnd.Tests builds it (through tests/Fuzz)");
        }
        return ProcessRunner.Run(DotnetCli.Host, [Assembly, .. arguments], RunTimeout, RepositoryPaths.Root, standardInput);
    }
}
