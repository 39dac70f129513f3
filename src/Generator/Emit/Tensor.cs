namespace Kws.Generator.Emit
{
    /// <summary>
    /// An activation between two generated layers: uint8 codes or floats, stored channels-last ([length][stride],
    /// channel fastest) in one of the model's scratch buffers. Stride is the channel count padded for whole vector
    /// stores; only the first <see cref="Channels"/> of each row are real.
    /// </summary>
    internal sealed record Tensor(bool IsFloat, int Channels, int Stride, int Length, string Buffer)
    {
        public string ElementType => IsFloat ? "float" : "byte";

        /// <summary>Elements the buffer must hold.</summary>
        public int Elements => Stride * Length;
    }
}
