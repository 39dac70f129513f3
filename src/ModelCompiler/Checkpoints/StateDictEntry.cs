using Kws.Compiler.Pickle;

namespace Kws.Compiler.Checkpoints;

/// <summary>One entry of a state_dict: its key and its value (a <see cref="TorchTensor"/>, a <see cref="TorchDTypeValue"/>, a <see cref="PickleTuple"/>, ...).</summary>
public sealed record StateDictEntry(string Key, object? Value);
