using System.Text.Json;
using Lagebild.Documents;
using Lagebild.Pipeline;
using Lagebild.Text;

namespace Lagebild.Tests.Text;

/// <summary>
/// Golden cases under tests/specs/text.tokens/&lt;lang&gt;/*.json: input text, expected sentences and tokens as
/// strings. Each case runs through the two pipeline stages with the data directory the build copies.
/// </summary>
public sealed class SegmentationSpecTests
{
    private static readonly string SpecRoot = Path.Combine(AppContext.BaseDirectory, "specs", "text.tokens");
    private static readonly SentenceSegmentationStage Sentences = new(DataDirectory.Default());
    private static readonly TokenizationStage Tokens = new(DataDirectory.Default());

    public static TheoryData<string, string, int> Cases()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var file in Directory.EnumerateFiles(SpecRoot, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var language = Path.GetFileName(Path.GetDirectoryName(file))!;
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var count = document.RootElement.GetProperty("cases").GetArrayLength();
            for (var i = 0; i < count; i++)
            {
                data.Add(language, Path.GetRelativePath(SpecRoot, file), i);
            }
        }

        return data;
    }

    [Fact]
    public void SpecsExistForGermanAndEnglish()
    {
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(SpecRoot, "de"), "*.json"));
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(SpecRoot, "en"), "*.json"));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CaseMatches(string language, string file, int index)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(SpecRoot, file)));
        var spec = document.RootElement.GetProperty("cases")[index];
        var text = spec.GetProperty("text").GetString()!;
        var context = Run(text, language);
        var sentences = context.Get(TextLayers.Sentences);
        var tokens = context.Get(TextLayers.Tokens);
        if (spec.TryGetProperty("sentences", out var expectedSentences))
        {
            Assert.Equal(
                expectedSentences.EnumerateArray().Select(e => e.GetString()!).ToArray(),
                sentences.Select(s => s.Span.Of(text)).ToArray());
        }

        if (spec.TryGetProperty("tokens", out var expectedTokens))
        {
            Assert.Equal(
                expectedTokens.EnumerateArray().Select(e => e.GetString()!).ToArray(),
                tokens.Select(t => t.Form).ToArray());
        }

        Assert.All(tokens, t => Assert.Equal(t.Span.Of(text), t.Form));
    }

    [Fact]
    public void StagesCarryTheirVersionedNames()
    {
        Assert.Equal("text.sentences.v1", Sentences.Name);
        Assert.Equal("text.tokens.v1", Tokens.Name);
    }

    [Fact]
    public void TokensKnowTheirSentenceAndKind()
    {
        const string text = "Am 2. März kam er. Siehe https://example.org und 3,5 %!";
        var tokens = Run(text, "de").Get(TextLayers.Tokens);
        Assert.Equal([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1], tokens.Select(t => t.SentenceIndex));
        Assert.Equal(TokenKind.Number, tokens.Single(t => t.Form == "2.").Kind);
        Assert.Equal(TokenKind.Url, tokens.Single(t => t.Form == "https://example.org").Kind);
        Assert.Equal(TokenKind.Number, tokens.Single(t => t.Form == "3,5").Kind);
        Assert.Equal(TokenKind.Symbol, tokens.Single(t => t.Form == "%").Kind);
        Assert.Equal(TokenKind.Punctuation, tokens[^1].Kind);
    }

    [Theory]
    [InlineData("und")]
    [InlineData("xx")]
    [InlineData("../de")]
    public void UnknownLanguagesFallBackToTheNeutralProfile(string language)
    {
        const string text = "Dr. Who kam am 2. März. Dann ging er.";
        var sentences = Run(text, language).Get(TextLayers.Sentences);
        // Without German data "Dr." and "2." are a word and a full stop, so the neutral profile splits there.
        Assert.Equal(["Dr.", "Who kam am 2.", "März.", "Dann ging er."], sentences.Select(s => s.Span.Of(text)));
    }

    internal static AnalysisContext Run(string text, string language)
    {
        var context = new AnalysisContext(new Article(text, new ArticleMetadata(), "spec"), new AnalysisOptions { ForcedLanguage = language });
        Sentences.Run(context);
        Tokens.Run(context);
        return context;
    }
}
