namespace Kws.Compiler.Checkpoints;

/// <summary>
/// A storage a pickle referred to by persistent id: its element type, its key (the archive entry data/&lt;key&gt;)
/// and the element count the pickle claims, already checked against the entry's size. Bytes are read on demand.
/// </summary>
public sealed record TorchStorage(TorchDType DType, string Key, long ElementCount, CheckpointArchive Archive)
{
    public byte[] ReadBytes() => Archive.ReadStorage(Key, ElementCount * DType.ElementSize());
}
