using Kws.Benchmarks;

return BenchmarkProgram.Run(args);
