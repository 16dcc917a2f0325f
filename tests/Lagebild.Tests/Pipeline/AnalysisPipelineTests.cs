using Lagebild.Documents;
using Lagebild.Pipeline;
using Lagebild.Text;

namespace Lagebild.Tests.Pipeline;

public sealed class AnalysisPipelineTests
{
    private sealed class FakeStage(string name, LayerKey[] reads, LayerKey[] writes, Action<AnalysisContext>? run = null) : IStage
    {
        public string Name => name;

        public IReadOnlyList<LayerKey> Reads => reads;

        public IReadOnlyList<LayerKey> Writes => writes;

        public void Run(AnalysisContext context) => run?.Invoke(context);
    }

    [Fact]
    public void RejectsStageReadingLayerNoEarlierStageWrites()
    {
        var stage = new FakeStage("x.v1", [TextLayers.Sentences], []);
        var error = Assert.Throws<PipelineConfigurationException>(() => new AnalysisPipeline([stage]));
        Assert.Contains("sentences", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsLayerWrittenTwice()
    {
        var first = new FakeStage("a.v1", [], [TextLayers.Language]);
        var second = new FakeStage("b.v1", [], [TextLayers.Language]);
        Assert.Throws<PipelineConfigurationException>(() => new AnalysisPipeline([first, second]));
    }

    [Fact]
    public void RecordsStageVersionsAndFailsWhenDeclaredLayerIsMissing()
    {
        var writes = new FakeStage("text.language.v3", [], [TextLayers.Language], c => c.Set(TextLayers.Language, new LanguageGuess("de", 1, "test")));
        var context = new AnalysisPipeline([writes]).Run(new Article("Text.", new ArticleMetadata(), "test"));
        Assert.Equal("v3", context.StageVersions["text.language"]);

        var lies = new FakeStage("liar.v1", [], [TextLayers.Sentences]);
        Assert.Throws<InvalidOperationException>(() => new AnalysisPipeline([lies]).Run(new Article("Text.", new ArticleMetadata(), "test")));
    }
}
