using Microsoft.CodeAnalysis;

namespace Kws.Generator
{
    /// <summary>Placeholder: the pipeline arrives with the generator issue.</summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class KwsGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
        }
    }
}
