using Kws.Host.Cli;

// kws: one native file with a keyword-spotting model baked in (docs/kws.md).
return KwsCommandLine.Run(args);
