namespace Kws.Compiler.Checkpoints;

/// <summary>A legacy storage class global such as <c>torch.FloatStorage</c>, naming a storage's element type.</summary>
public sealed record StorageClass(string Name, TorchDType DType);
