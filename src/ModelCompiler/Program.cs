using Kws.Compiler.Cli;

return KwscCommandLine.Run(args, Console.Out, Console.Error);
