using Lagebild.Documents;
using Lagebild.Text.Segmentation;

namespace Lagebild.Tests.Text;

public sealed class MultiwordTokensTests
{
    private static readonly SegmentationProfiles Profiles = new(DataDirectory.Default());

    [Theory]
    [InlineData("en", "I don't know why John's car can't start and I cannot say.", "I|do|n't|know|why|John|'s|car|ca|n't|start|and|I|can|not|say|.")]
    [InlineData("en", "It’s Tom’s.", "It|’s|Tom|’s|.")]
    [InlineData("de", "Im Haus und zum Bahnhof, dann am Abend ins Kino.", "In|dem|Haus|und|zu|dem|Bahnhof|,|dann|an|dem|Abend|in|das|Kino|.")]
    [InlineData("und", "I don't know.", "I|don't|know|.")]
    public void ExpandsSurfaceTokensIntoSyntacticWords(string language, string text, string expected)
    {
        var tokens = new Tokenizer(Profiles.For(language)).Tokenize(text);
        var expander = Profiles.MultiwordTokensFor(language);
        var words = tokens.SelectMany(expander.Expand).ToList();
        Assert.Equal(expected.Split('|'), words.Select(w => w.Form));
        Assert.All(words, w => Assert.InRange(w.Span.End, 1, text.Length));
    }

    [Fact]
    public void ConcatenativeSplitsPointAtTheirParts()
    {
        const string text = "don't";
        var token = new Token(new Span(0, 5), text, TokenKind.Word, 0);
        var words = Profiles.MultiwordTokensFor("en").Expand(token);
        Assert.Equal([new Span(0, 2), new Span(2, 3)], words.Select(w => w.Span));
    }

    [Fact]
    public void ContractedArticlesCoverTheWholeToken()
    {
        var token = new Token(new Span(4, 2), "im", TokenKind.Word, 0);
        var words = Profiles.MultiwordTokensFor("de").Expand(token);
        Assert.Equal(["in", "dem"], words.Select(w => w.Form));
        Assert.All(words, w => Assert.Equal(token.Span, w.Span));
    }
}
