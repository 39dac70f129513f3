using System;

namespace Kws.Runtime.Manifest
{
    /// <summary>A manifest that parses but describes an impossible or unsupported model; names the layer at fault.</summary>
    public sealed class ManifestValidationException : Exception
    {
        /// <summary>A model problem: <paramref name="message"/>, at layer <paramref name="layerIndex"/> (-1: the model as a whole).</summary>
        public ManifestValidationException(string message, int layerIndex = -1) : base(message) => LayerIndex = layerIndex;

        /// <summary>Index of the offending layer in <see cref="ModelManifest.Layers"/>, or -1 for the model as a whole.</summary>
        public int LayerIndex { get; }
    }
}
