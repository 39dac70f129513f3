namespace Kws.Runtime.Manifest
{
    /// <summary>Where a manifest came from: the checkpoint's file name, its SHA-256, and its kind (fp32, ptq, qat).</summary>
    public sealed class SourceCheckpoint
    {
        /// <summary>The checkpoint <paramref name="file"/>, its SHA-256 (hex) and its kind (fp32, ptq or qat).</summary>
        public SourceCheckpoint(string file, string sha256, string kind)
        {
            File = file;
            Sha256 = sha256;
            Kind = kind;
        }

        /// <summary>The checkpoint's file name.</summary>
        public string File { get; }

        /// <summary>The checkpoint file's SHA-256, lower-case hex.</summary>
        public string Sha256 { get; }

        /// <summary>How the model was trained and quantized: fp32, ptq or qat.</summary>
        public string Kind { get; }
    }
}
