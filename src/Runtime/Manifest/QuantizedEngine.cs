namespace Kws.Runtime.Manifest
{
    /// <summary>
    /// The PyTorch quantized engine whose int8 arithmetic a model reproduces (docs/quantization.md). The engines quantize
    /// the bias, compute the requantization multiplier and round the average pools differently, so a checkpoint gives
    /// PyTorch's codes only under the engine it was made for. The manifest states it (absent means onednn).
    /// </summary>
    public enum QuantizedEngine
    {
        /// <summary>onednn, PyTorch's x86 engine (the x86 qconfig: per-channel weights).</summary>
        Onednn,

        /// <summary>qnnpack, PyTorch's ARM engine (the qnnpack qconfig: per-tensor weights).</summary>
        Qnnpack,
    }

    /// <summary>The engines' names in the manifest and on the command line.</summary>
    public static class QuantizedEngines
    {
        /// <summary>onednn's name: the default, which a manifest states by leaving "engine" out.</summary>
        public const string OnednnName = "onednn";

        /// <summary>qnnpack's name, as the manifest's "engine" and kwsc's --engine write it.</summary>
        public const string QnnpackName = "qnnpack";

        /// <summary>The name of <paramref name="engine"/>.</summary>
        public static string Name(this QuantizedEngine engine) => engine == QuantizedEngine.Qnnpack ? QnnpackName : OnednnName;

        /// <summary>The engine called <paramref name="name"/>, or null for a name no engine has.</summary>
        public static QuantizedEngine? FromName(string name) => name switch
        {
            OnednnName => QuantizedEngine.Onednn,
            QnnpackName => QuantizedEngine.Qnnpack,
            _ => null,
        };
    }
}
