namespace Kws.Compiler.Pickle;

/// <summary>A module-level name a pickle referred to (GLOBAL / STACK_GLOBAL), after the resolver allowed it.</summary>
public sealed record PickleGlobal(string Module, string Name)
{
    public string FullName => $"{Module}.{Name}";

    public override string ToString() => FullName;
}
