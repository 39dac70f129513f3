// Placeholder entry point: the kws command line arrives with the NativeAotHost issue.
Console.Error.WriteLine("kws: not built yet");
return 2;
