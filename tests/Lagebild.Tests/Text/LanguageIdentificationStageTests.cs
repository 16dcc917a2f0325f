using Lagebild.Documents;
using Lagebild.Pipeline;
using Lagebild.Tests.Text.LanguageId;
using Lagebild.Text;

namespace Lagebild.Tests.Text;

public sealed class LanguageIdentificationStageTests
{
    private const string GermanBody =
        "Die Bundesregierung hat am Mittwoch in Berlin ein neues Paket zur Entlastung der Haushalte beschlossen. " +
        "Nach Angaben des Finanzministeriums sollen die Maßnahmen noch vor dem Winter in Kraft treten.";

    private static readonly LanguageIdentificationStage Stage = new(LangIdFixtures.Identifier);

    private static AnalysisContext Run(string text, string? declared = null, string? forced = null)
    {
        var article = new Article(text, new ArticleMetadata { Language = declared }, "test");
        var context = new AnalysisContext(article, new AnalysisOptions { ForcedLanguage = forced });
        Stage.Run(context);
        return context;
    }

    [Fact]
    public void WritesTheDetectedLanguage()
    {
        var context = Run(GermanBody);
        var guess = context.Get(TextLayers.Language);
        Assert.Equal("de", guess.Code);
        Assert.Equal("ngram.v1", guess.Method);
        Assert.InRange(guess.Confidence, 0.9, 1.0);
        Assert.Equal("de", context.Language);
        Assert.Equal("text.language.v1", Stage.Name);
    }

    [Fact]
    public void ConfidentDetectionOverridesAWrongDeclarationWithAWarning()
    {
        var context = Run(GermanBody, declared: "en");
        Assert.Equal("de", context.Get(TextLayers.Language).Code);
        Assert.Contains(context.Warnings, w => w.Stage == Stage.Name && w.Message.Contains("'en'", StringComparison.Ordinal));
    }

    [Fact]
    public void DeclaredLanguageStandsWhenTheTextSaysNothing()
    {
        var context = Run("12:30 – 14:00", declared: "de-AT");
        var guess = context.Get(TextLayers.Language);
        Assert.Equal("de", guess.Code);
        Assert.Equal("declared", guess.Method);
        Assert.Equal("de", context.Language);
        Assert.Empty(context.Warnings);
    }

    [Fact]
    public void ShortTextDoesNotContradictTheDeclaration()
    {
        var context = Run("Das ist gut.", declared: "en");
        Assert.Equal("en", context.Get(TextLayers.Language).Code);
    }

    [Fact]
    public void DeclaredLanguageTheModelDoesNotKnowIsNotContradicted()
    {
        var context = Run(GermanBody, declared: "nl");
        Assert.Equal("nl", context.Get(TextLayers.Language).Code);
    }

    [Fact]
    public void ForcedLanguageStillRecordsTheDetection()
    {
        var context = Run(GermanBody, forced: "en");
        Assert.Equal("de", context.Get(TextLayers.Language).Code);
        Assert.Equal("en", context.Language);
    }

    [Fact]
    public void EmptyTextIsUndetermined()
    {
        var context = Run("");
        Assert.Equal("und", context.Get(TextLayers.Language).Code);
        Assert.Equal("und", context.Language);
    }

    [Fact]
    public void RunsInsideThePipeline()
    {
        var pipeline = new AnalysisPipeline([Stage]);
        var context = pipeline.Run(new Article(GermanBody, new ArticleMetadata(), "test"));
        Assert.Equal("v1", context.StageVersions["text.language"]);
    }
}
