using Lagebild.Ingest.Html;

namespace Lagebild.Tests.Ingest.Html;

public sealed class HtmlTextTests
{
    [Fact]
    public void FragmentBecomesParagraphsWithDecodedReferences()
    {
        const string html = "<p>Erster Absatz mit &quot;Zitat&quot; &amp; mehr.</p>\n<p>Zweiter   Absatz<br/>mit Zeilenumbruch.</p><script>alert(1)</script><style>p{}</style>";

        var (text, _) = HtmlText.FromFragment(html);

        Assert.Equal("Erster Absatz mit \"Zitat\" & mehr.\n\nZweiter Absatz\nmit Zeilenumbruch.", text);
    }

    [Fact]
    public void ShortFragmentsAreKeptWhole()
    {
        var (text, _) = HtmlText.FromFragment("Nur <b>ein</b> kurzer Satz.");

        Assert.Equal("Nur ein kurzer Satz.", text);
    }

    [Fact]
    public void OffsetsPointIntoTheFragment()
    {
        const string html = "<div><h2>Titel</h2><p>Text mit &auml;rger und Ende.</p></div>";

        var (text, map) = HtmlText.FromFragment(html);

        Assert.Equal("Titel\n\nText mit ärger und Ende.", text);
        Assert.Equal(html.IndexOf("Titel", StringComparison.Ordinal), map.ToRaw(0));
        Assert.Equal(html.IndexOf("&auml;", StringComparison.Ordinal), map.ToRaw(text.IndexOf('ä', StringComparison.Ordinal)));
        Assert.Equal(html.IndexOf("Ende", StringComparison.Ordinal), map.ToRaw(text.IndexOf("Ende", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("<script>only()</script>")]
    [InlineData("<!-- comment -->")]
    public void EmptyFragmentsGiveEmptyText(string html)
    {
        var (text, _) = HtmlText.FromFragment(html);

        Assert.Equal("", text);
    }
}
