using System.Reflection;
using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;

namespace Kws.Runtime.Tests.Manifest;

/// <summary>
/// The compiler makes every engine handle every layer type (ILayerVisitor); these tests catch what it cannot: a layer
/// type the manifest reader does not know, or a visitor method missing for a layer class.
/// </summary>
public class LayerCatalogTests
{
    private static readonly Type[] LayerTypes = typeof(LayerSpec).Assembly.GetTypes()
        .Where(t => t.IsClass && !t.IsAbstract && typeof(LayerSpec).IsAssignableFrom(t)).ToArray();

    [Test]
    public void EveryLayerTypeHasAnOpTheReaderKnows()
    {
        string[] ops = LayerTypes.Select(t => (string)t.GetField("OpName", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!).ToArray();
        Assert.That(LayerCatalog.Ops, Is.EquivalentTo(ops));
    }

    [Test]
    public void EveryLayerTypeHasItsVisitorMethod()
    {
        var visited = typeof(ILayerVisitor<>).GetMethods().Select(m => m.GetParameters()[0].ParameterType).ToArray();
        Assert.That(visited, Is.EquivalentTo(LayerTypes));
    }
}
