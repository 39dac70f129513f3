using Kws.Runtime.Manifest;

namespace Kws.Compiler.Analysis;

/// <summary>
/// A unit of the sensitivity analysis: one Conv1d or Linear layer with the pooling layers that follow it (conv4's block
/// also holds the global average pool, which in the int8 model runs on conv4's codes). Named after its weighted layer.
/// </summary>
/// <param name="Name">The weighted layer's name, e.g. conv2.</param>
/// <param name="LayerIndices">Positions of the block's layers in the manifest they were found in, in order.</param>
/// <param name="LayerNames">Their names, e.g. conv2 pool2.</param>
public sealed record ModelBlock(string Name, IReadOnlyList<int> LayerIndices, IReadOnlyList<string> LayerNames)
{
    /// <summary>The blocks of a model, in execution order.</summary>
    public static IReadOnlyList<ModelBlock> Of(ModelManifest manifest)
    {
        var blocks = new List<ModelBlock>();
        List<int>? current = null;
        for (int i = 0; i < manifest.Layers.Count; i++)
        {
            switch (manifest.Layers[i].Accept(LayerRoles.Instance, manifest.Tensors[i]))
            {
                case LayerRole.StartsBlock:
                    current = [i];
                    blocks.Add(new ModelBlock(manifest.Layers[i].Name, current, []));
                    break;
                case LayerRole.JoinsBlock when current is not null:
                    current.Add(i);
                    break;
                default:
                    current = null;
                    break;
            }
        }
        return blocks.Select(b => b with { LayerNames = b.LayerIndices.Select(i => manifest.Layers[i].Name).ToList() }).ToList();
    }
}
