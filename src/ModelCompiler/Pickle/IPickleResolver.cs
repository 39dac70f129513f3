namespace Kws.Compiler.Pickle;

/// <summary>
/// Everything in a pickle that could run code goes through this: looking up globals, calling them (REDUCE, NEWOBJ),
/// BUILD, and persistent ids. An implementation is an allow-list; anything it does not know it must reject with a
/// <see cref="PickleException"/> naming it.
/// </summary>
public interface IPickleResolver
{
    /// <summary>The value of <c>module.name</c>; throws if the name is not allowed.</summary>
    object ResolveGlobal(string module, string name);

    /// <summary>Applies an allowed callable to its arguments (REDUCE and NEWOBJ).</summary>
    object? Call(object? callable, PickleTuple arguments);

    /// <summary>Applies a BUILD state to an object; returns the object to leave on the stack.</summary>
    object? Build(object? target, object? state);

    /// <summary>The object a persistent id stands for (PyTorch: a storage in the archive).</summary>
    object? PersistentLoad(object? persistentId);
}
