using Kws.Fuzz;
using Kws.Fuzz.Targets;

// kws-fuzz <target>                    one AFL++ run in SharpFuzz's persistent mode (see docs/limits.md, tests/Fuzz/fuzz.sh)
// kws-fuzz <target> --replay <path>... each file (of each folder or .tar.gz corpus) once, then a summary; exit 1 on a finding
// kws-fuzz <target> --seeds <dir>      writes the target's seeds (committed files and hostile cases) into <dir>
if (args.Length == 0 || FuzzTargets.Find(args[0]) is not IFuzzTarget target)
{
    Console.Error.WriteLine($"usage: kws-fuzz <target> [--replay <file, folder or .tar.gz>...] [--seeds <dir>]; targets: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))}");
    return 2;
}
if (args.Length > 1 && args[1] == "--replay")
{
    return CorpusReplay.Run(target, args.Skip(2), Console.Out);
}
if (args.Length == 3 && args[1] == "--seeds")
{
    Directory.CreateDirectory(args[2]);
    foreach (var (name, bytes) in target.Seeds(RepositoryRoot.Find()))
    {
        File.WriteAllBytes(Path.Combine(args[2], name), bytes);
    }
    return 0;
}
SharpFuzz.Fuzzer.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    FuzzCase.Run(target, buffer.ToArray());
});
return 0;
