using Lagebild.Store;

namespace Lagebild.Tests.Store;

public sealed class TextQueryTests
{
    private static TextQuery Parse(string text) =>
        TextQuery.Parse(text).Query ?? throw new InvalidOperationException(TextQuery.Parse(text).Error);

    private static TextTerm Word(string words, bool prefix = false, TextField field = TextField.Any) => new(words, prefix, field);

    [Fact]
    public void WordsSideBySideMeanAndAndOrBindsLooser()
    {
        Assert.Equal(new TextOr(new TextAnd(Word("Xi"), Word("Minsk")), Word("Wien")), Parse("Xi Minsk OR Wien"));
        Assert.Equal(new TextAnd(Word("Xi"), new TextOr(Word("Minsk"), Word("Wien"))), Parse("Xi AND (Minsk OR Wien)"));
        // Lower-case operators are words.
        Assert.Equal(new TextAnd(Word("Xi"), Word("and")), Parse("Xi and"));
    }

    [Fact]
    public void PhrasesPrefixesFieldsAndNegation()
    {
        Assert.Equal(Word("tiefe Besorgnis"), Parse("\"tiefe   Besorgnis\""));
        Assert.Equal(Word("Lukasch", prefix: true), Parse("Lukasch*"));
        Assert.Equal(Word("Wahl", field: TextField.Title), Parse("title:Wahl"));
        Assert.Equal(Word("in Wien", field: TextField.Text), Parse("text:\"in Wien\""));
        Assert.Equal(new TextAnd(Word("Wahl"), new TextNot(Word("Wien"))), Parse("Wahl NOT Wien"));
        // A colon after anything else is part of the word.
        Assert.Equal(Word("nosuchcolumn:x"), Parse("nosuchcolumn:x"));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("\"Wien", "the quote at position 1 is not closed")]
    [InlineData("(Wien OR Graz", "the '(' at position 1 is not closed")]
    [InlineData("Wien)", "a ')' at position 5 has no matching '('")]
    [InlineData("Wien OR", "'OR' at the end needs a word after it")]
    [InlineData("AND Wien", "'AND' at position 1 needs a word before and after it")]
    [InlineData("W*en", "'*' only marks a prefix")]
    [InlineData("\"\"", "hold no words")]
    [InlineData("title:", "needs a word after the colon")]
    public void MalformedQueriesGiveAPlainMessage(string text, string expected)
    {
        var parsed = TextQuery.Parse(text);
        Assert.Null(parsed.Query);
        Assert.Contains(expected, parsed.Error, StringComparison.Ordinal);
    }
}
