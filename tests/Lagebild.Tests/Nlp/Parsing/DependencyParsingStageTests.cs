using Lagebild.Documents;
using Lagebild.Nlp;
using Lagebild.Nlp.Parsing;
using Lagebild.Pipeline;
using Lagebild.Text;

namespace Lagebild.Tests.Nlp.Parsing;

public class DependencyParsingStageTests
{
    private static readonly DependencyParsingStage Stage = new(DataDirectory.Default());

    private static AnalysisContext Run(string text, string? language)
    {
        var pipeline = new AnalysisPipeline(
            [new LanguageIdentificationStage(DataDirectory.Default()), new SentenceSegmentationStage(DataDirectory.Default()), new TokenizationStage(DataDirectory.Default()), new MorphologyStage(DataDirectory.Default()), Stage]);
        return pipeline.Run(new Article(text, new ArticleMetadata { Language = language }, "test"));
    }

    [Fact]
    public void EverySentenceOfAGermanArticleIsATreeOverItsTokens()
    {
        var context = Run("Die Regierung hat am Montag neue Sanktionen beschlossen\n\nDer Minister sprach von einem wichtigen Schritt", "de");
        var tokens = context.Get(TextLayers.Tokens);
        var layer = context.Get(ParsingLayers.Dependencies);
        Assert.True(layer.IsParsed);
        Assert.Equal(tokens.Count, layer.Tokens.Count);
        foreach (var sentence in tokens.Select((t, i) => (t.SentenceIndex, i)).GroupBy(p => p.SentenceIndex))
        {
            var indices = sentence.Select(p => p.i).ToArray();
            Assert.Single(indices, i => layer.Tokens[i].Head == -1);
            Assert.All(indices, i => Assert.True(layer.Tokens[i].Head == -1 || indices.Contains(layer.Tokens[i].Head), "head outside its sentence"));
        }

        // The finite verb heads the first sentence and the subject noun attaches to it.
        var root = layer.Tokens.Select((d, i) => (d, i)).First(p => p.d.Head == -1).i;
        Assert.Equal("beschlossen", tokens[root].Form);
        var regierung = tokens.Select((t, i) => (t, i)).First(p => p.t.Form == "Regierung").i;
        Assert.Equal(root, layer.Tokens[regierung].Head);
        Assert.Equal("nsubj", layer.Tokens[regierung].Relation);
    }

    [Fact]
    public void UnknownLanguageIsMarkedUnparsedWithAWarning()
    {
        // Declared Finnish, too short for detection to overrule: there is no Finnish model.
        var context = Run("Tämä on lyhyt teksti", "fi");
        var layer = context.Get(ParsingLayers.Dependencies);
        Assert.False(layer.IsParsed);
        Assert.All(layer.Tokens, d => Assert.Equal(-1, d.Head));
        Assert.Single(context.Warnings, w => w.Stage == Stage.Name);
    }
}
