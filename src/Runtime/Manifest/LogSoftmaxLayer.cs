namespace Kws.Runtime.Manifest
{
    /// <summary>Float log-softmax over the class scores (the model's last step).</summary>
    public sealed class LogSoftmaxLayer : LayerSpec
    {
        public LogSoftmaxLayer(string name, int length) : base(name) => Length = length;

        public override string Op => "logsoftmax";
        public int Length { get; }
    }
}
