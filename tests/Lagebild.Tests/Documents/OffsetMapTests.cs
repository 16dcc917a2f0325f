using Lagebild.Documents;

namespace Lagebild.Tests.Documents;

public sealed class OffsetMapTests
{
    [Fact]
    public void MapsRewrittenTextBackToRawOffsets()
    {
        // raw: "<p>Hallo&amp;Welt</p>"  text: "Hallo&Welt"
        var builder = new OffsetMapBuilder();
        builder.Append("Hallo", 3);
        builder.Append('&', 8);
        builder.Append("Welt", 13);
        var (text, map) = builder.Build();
        Assert.Equal("Hallo&Welt", text);
        Assert.Equal(3, map.ToRaw(0));
        Assert.Equal(7, map.ToRaw(4));
        Assert.Equal(8, map.ToRaw(5));
        Assert.Equal(14, map.ToRaw(7));
        Assert.Equal(new Span(13, 4), map.ToRaw(new Span(6, 4)));
    }

    [Fact]
    public void ArticleIdIgnoresWhitespaceAndCaseDifferences()
    {
        var a = new Article("Xi  trifft\nLukaschenko.", new ArticleMetadata(), "a");
        var b = new Article(" xi trifft lukaschenko. ", new ArticleMetadata(), "b");
        var c = new Article("Xi trifft Putin.", new ArticleMetadata(), "c");
        Assert.Equal(a.Id, b.Id);
        Assert.NotEqual(a.Id, c.Id);
        Assert.Equal(32, a.Id.Length);
    }

    [Fact]
    public void ArticleIdToleratesLoneSurrogates()
    {
        var article = new Article("broken \uD800 text \uDC00 end", new ArticleMetadata(), "hostile");
        Assert.Equal(32, article.Id.Length);
        Assert.Equal("broken \uD800 text \uDC00 end", article.Text);
    }
}
