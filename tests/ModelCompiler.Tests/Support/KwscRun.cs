using Kws.Compiler.Cli;

namespace Kws.Compiler.Tests.Support;

/// <summary>Runs the kwsc command line in-process and captures what it prints.</summary>
internal sealed record KwscRun(int ExitCode, string Output, string Error)
{
    public static KwscRun Of(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = KwscCommandLine.Run(args, output, error);
        return new KwscRun(code, output.ToString(), error.ToString());
    }
}
