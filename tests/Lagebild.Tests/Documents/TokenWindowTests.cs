using Lagebild.Documents;

namespace Lagebild.Tests.Documents;

public sealed class TokenWindowTests
{
    private static Token Word(string form, int start, int sentence) => new(new Span(start, form.Length), form, TokenKind.Word, sentence);

    [Fact]
    public void OneWindowPerRunOfTokensOfTheSameSentence()
    {
        Token[] tokens = [Word("Xi", 0, 0), Word("kommt", 3, 0), Word("Er", 10, 1), Word("geht", 13, 3), Word("heim", 18, 3)];

        var windows = TokenWindow.BySentence(tokens).ToList();

        Assert.Equal([new TokenWindow(0, 2), new TokenWindow(2, 3), new TokenWindow(3, 5)], windows);
        Assert.Equal(["geht", "heim"], windows[2].Forms(tokens));
        Assert.Equal([30, 40], windows[2].Slice([0, 10, 20, 30, 40]));
        Assert.Equal(1, windows[1].Length);
    }

    [Fact]
    public void NoTokensNoWindows() => Assert.Empty(TokenWindow.BySentence([]));
}
