namespace Kws.Fuzz.Targets;

/// <summary>
/// Every fuzz target by name. The manifest JSON and WAV readers join here as one more <see cref="IFuzzTarget"/> class
/// each (with a corpus folder of the same name); nothing else in the harness changes.
/// </summary>
public static class FuzzTargets
{
    public static IReadOnlyList<IFuzzTarget> All { get; } = [new CheckpointTarget(), new ConfigTarget(), new LabelsTarget()];

    public static IFuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
