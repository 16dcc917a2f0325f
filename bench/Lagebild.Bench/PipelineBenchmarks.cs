using BenchmarkDotNet.Attributes;
using Lagebild.Documents;
using Lagebild.Pipeline;
using Lagebild.Text;

namespace Lagebild.Bench;

/// <summary>
/// The whole analysis pipeline over the reference article, against a whitespace split of the same text as the
/// baseline: the ratio column says how many whitespace splits one analysis costs, which stays comparable across
/// machines.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private Engine _engine = null!;
    private Article _article = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = Engine.Create();
        _article = BenchInputs.ReferenceArticle();
    }

    [Benchmark(Baseline = true)]
    public int WhitespaceSplit() => WhitespaceBaseline.CountTokens(_article.Text);

    [Benchmark]
    public int AnalyzeReferenceArticle()
    {
        var context = _engine.Pipeline.Run(_article);
        return context.TryGet(TextLayers.Tokens, out var tokens) ? tokens.Count : 0;
    }
}
