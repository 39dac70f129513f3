// Placeholder entry point: the kwsc command line arrives with the kwsc issue.
Console.Error.WriteLine("kwsc: not built yet");
return 2;
