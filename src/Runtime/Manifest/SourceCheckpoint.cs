namespace Kws.Runtime.Manifest
{
    /// <summary>Where a manifest came from: the checkpoint's file name, its SHA-256, and its kind (fp32, ptq, qat).</summary>
    public sealed class SourceCheckpoint
    {
        public SourceCheckpoint(string file, string sha256, string kind)
        {
            File = file;
            Sha256 = sha256;
            Kind = kind;
        }

        public string File { get; }
        public string Sha256 { get; }
        public string Kind { get; }
    }
}
