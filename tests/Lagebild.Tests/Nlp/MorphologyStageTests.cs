using Lagebild.Documents;
using Lagebild.Nlp;
using Lagebild.Pipeline;
using Lagebild.Text;

namespace Lagebild.Tests.Nlp;

public class MorphologyStageTests
{
    private static readonly MorphologyStage Stage = new(DataDirectory.Default());

    private static AnalysisContext Run(string text, string? language)
    {
        var data = DataDirectory.Default();
        var pipeline = new AnalysisPipeline([new LanguageIdentificationStage(data), new SentenceSegmentationStage(data), new TokenizationStage(data), Stage]);
        return pipeline.Run(new Article(text, new ArticleMetadata { Language = language }, "test"));
    }

    [Fact]
    public void EnglishTokensGetOneAnalysisEach()
    {
        var context = Run("The talks ended early .\n\nNobody was surprised .", "en");
        var tokens = context.Get(TextLayers.Tokens);
        var morphology = context.Get(MorphologyLayers.Morphology);
        Assert.True(morphology.IsAnalysed);
        Assert.Equal(tokens.Count, morphology.Tokens.Count);
        Assert.Equal("talk", morphology.Tokens[1].Lemma);
        Assert.Equal("PUNCT", morphology.Tokens[^1].Upos);
    }

    [Fact]
    public void LanguageWithoutModelIsMarkedUnanalysedWithAWarning()
    {
        // Declared Finnish, too short for detection to overrule: there is no Finnish model.
        var context = Run("Tämä on lyhyt teksti", "fi");
        var morphology = context.Get(MorphologyLayers.Morphology);
        Assert.False(morphology.IsAnalysed);
        Assert.Equal("und", morphology.ModelLanguage);
        Assert.All(morphology.Tokens, a => Assert.Equal("X", a.Upos));
        Assert.Single(context.Warnings, w => w.Stage == Stage.Name);
    }

    [Fact]
    public void EmptyArticleWritesAnEmptyLayer()
    {
        var context = Run("", "de");
        Assert.Empty(context.Get(MorphologyLayers.Morphology).Tokens);
    }
}
