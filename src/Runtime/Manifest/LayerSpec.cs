namespace Kws.Runtime.Manifest
{
    /// <summary>
    /// One step of the model, in execution order. Activations flow as one tensor [channels][length], row-major,
    /// batch 1. Each concrete layer states its input and output shapes so that no engine has to infer them.
    /// </summary>
    public abstract class LayerSpec
    {
        protected LayerSpec(string name) => Name = name;

        /// <summary>The PyTorch module name the layer came from (conv1, pool1, fc1, quant...).</summary>
        public string Name { get; }

        /// <summary>The manifest's "op" string for this kind of layer.</summary>
        public abstract string Op { get; }
    }
}
