using Lagebild.Ingest;
using Lagebild.Ingest.Html;

namespace Lagebild.Tests.Ingest.Html;

public sealed class HtmlMainContentExtractorTests
{
    private static readonly HtmlMainContentExtractor Extractor = new();

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "html", name));

    private static string Paragraphs(int count, string topic) => string.Concat(Enumerable.Range(1, count).Select(i =>
        $"<p>Paragraph {i} about {topic} has enough words to read as running text, with commas, clauses and a full stop at its end.</p>\n"));

    [Fact]
    public void RemovesNavigationCookieBannerShareWidgetRelatedListAndComments()
    {
        var result = Extractor.Extract(Fixture("de/nachrichten-artikel.html"), "nachrichten-artikel.html", InputOptions.Default);

        Assert.True(result.Succeeded, result.Error);
        var text = result.Article!.Text;
        Assert.StartsWith("Dresden. Der Pegel der Elbe", text, StringComparison.Ordinal);
        Assert.EndsWith("hieß es.", text, StringComparison.Ordinal);
        foreach (var boilerplate in (string[])["Cookies", "Politik", "Teilen", "Mehr zum Thema", "Moldau", "Kommentare", "Sandsäcke", "Impressum", "Anzeige", "Schlagworte", "Von Jana Richter", "dataLayer"])
        {
            Assert.DoesNotContain(boilerplate, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void KeepsSubheadingsAndListItemsAsOwnParagraphs()
    {
        var text = Extractor.Extract(Fixture("de/nachrichten-artikel.html"), "a", InputOptions.Default).Article!.Text;

        var paragraphs = text.Split("\n\n");
        Assert.Contains("Höchststand am Donnerstag erwartet", paragraphs);
        Assert.Contains("Fährverbindungen sind eingestellt.", paragraphs);
        Assert.DoesNotContain("\n\n\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadsMetadataFromJsonLd()
    {
        var article = Extractor.Extract(Fixture("de/nachrichten-artikel.html"), "a", InputOptions.Default).Article!;

        Assert.Equal("Hochwasser an der Elbe: Pegel steigt weiter", article.Metadata.Title);
        Assert.Equal("Jana Richter, Tobias Brandt", article.Metadata.Author);
        Assert.Equal(new DateTimeOffset(2024, 9, 17, 8, 15, 0, TimeSpan.FromHours(2)), article.Metadata.Published);
        Assert.Equal("Rundschau Online", article.Metadata.Source);
        Assert.Equal("de", article.Metadata.Language);
        Assert.Equal("https://www.rundschau.example/region/hochwasser-elbe-pegel-100.html", article.Metadata.Url);
    }

    [Fact]
    public void ReadsMetadataFromMetaTags()
    {
        var article = Extractor.Extract(Fixture("en/news-article.html"), "a", InputOptions.Default).Article!;

        Assert.Equal("Port strike ends after three weeks as dockworkers approve deal", article.Metadata.Title);
        Assert.Equal("Priya Natarajan", article.Metadata.Author);
        Assert.Equal(new DateTimeOffset(2025, 3, 11, 14, 5, 0, TimeSpan.Zero), article.Metadata.Published);
        Assert.Equal("The Harbour Gazette", article.Metadata.Source);
        Assert.Equal("en", article.Metadata.Language);
        Assert.Equal("https://harbourgazette.example/business/2025/03/11/port-strike-ends", article.Metadata.Url);
    }

    [Fact]
    public void ReadsMetadataFromJsonLdGraph()
    {
        var article = Extractor.Extract(Fixture("en/tutorial-post.html"), "a", InputOptions.Default).Article!;

        Assert.Equal("Reading CSV files without surprises", article.Metadata.Title);
        Assert.Equal("Sam Okafor", article.Metadata.Author);
        Assert.Equal(new DateTimeOffset(2022, 6, 30, 0, 0, 0, TimeSpan.Zero), article.Metadata.Published);
        Assert.Equal("Field Notes", article.Metadata.Source);
        Assert.Equal("en", article.Metadata.Language);
    }

    [Fact]
    public void DecodesCharacterReferencesInJsonLdAndSurvivesBrokenJsonLd()
    {
        var html = "<html><head><script type=\"application/ld+json\">{ broken json</script>"
            + "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Krieg &amp; Frieden\",\"author\":\"https://example.org/staff\",\"datePublished\":\"2020-02-03T04:05:06+0100\"}</script>"
            + $"</head><body>{Paragraphs(3, "metadata")}</body></html>";

        var article = Extractor.Extract(html, "a", InputOptions.Default).Article!;

        Assert.Equal("Krieg & Frieden", article.Metadata.Title);
        Assert.Null(article.Metadata.Author);
        Assert.Equal(new DateTimeOffset(2020, 2, 3, 4, 5, 6, TimeSpan.FromHours(1)), article.Metadata.Published);
    }

    [Fact]
    public void ReadsPublicationDateFromTimeElementWhenNothingElseCarriesIt()
    {
        var html = $"<html><body><article><time datetime=\"2021-11-04T09:30:00+01:00\">4. November</time>{Paragraphs(3, "dates")}</article></body></html>";

        var article = Extractor.Extract(html, "a", InputOptions.Default).Article!;

        Assert.Equal(new DateTimeOffset(2021, 11, 4, 9, 30, 0, TimeSpan.FromHours(1)), article.Metadata.Published);
    }

    [Fact]
    public void CallerChoicesFillGapsButPageLanguageDoesNotOverrideDeclaredLanguage()
    {
        var html = $"<html lang=\"fr\"><body>{Paragraphs(3, "options")}</body></html>";
        var published = new DateTimeOffset(2020, 1, 2, 0, 0, 0, TimeSpan.Zero);
        var container = new DateTimeOffset(2019, 5, 6, 0, 0, 0, TimeSpan.Zero);

        var declared = Extractor.Extract(html, "a", new InputOptions { Language = "de", Published = published }, "https://example.org/a").Article!;
        var fromContainer = Extractor.Extract(html, "a", new InputOptions { Published = published }, containerDate: container).Article!;

        Assert.Equal("de", declared.Metadata.Language);
        Assert.Equal(published, declared.Metadata.Published);
        Assert.Equal("https://example.org/a", declared.Metadata.Url);
        Assert.Equal("fr", fromContainer.Metadata.Language);
        Assert.Equal(container, fromContainer.Metadata.Published);
    }

    [Fact]
    public void GermanBlogDropsSidebarCommentsAndSharingButKeepsLineBreaks()
    {
        var text = Extractor.Extract(Fixture("de/blog-eintrag.html"), "a", InputOptions.Default).Article!.Text;

        Assert.Contains("etwas streng riecht.\nDas gibt sich", text, StringComparison.Ordinal);
        Assert.Contains("50 g Roggenvollkornmehl", text, StringComparison.Ordinal);
        foreach (var boilerplate in (string[])["Zum Inhalt springen", "Teilen mit", "Ähnliche Beiträge", "Weizenmehl", "Neueste Beiträge", "Freiburg", "WordPress", "Veröffentlicht"])
        {
            Assert.DoesNotContain(boilerplate, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void PreformattedTextKeepsItsLines()
    {
        var text = Extractor.Extract(Fixture("en/tutorial-post.html"), "a", InputOptions.Default).Article!.Text;

        Assert.Contains("id,comment\n1,\"fine, thanks\"\n2,\"said \"\"hello\"\"\"", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("de/nachrichten-artikel.html")]
    [InlineData("de/blog-eintrag.html")]
    [InlineData("en/news-article.html")]
    [InlineData("en/tutorial-post.html")]
    public void EveryWordMapsBackToTheSameWordInTheHtml(string name)
    {
        var html = Fixture(name);
        var article = Extractor.Extract(html, name, InputOptions.Default).Article!;
        var text = article.Text;

        var checkedWords = 0;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWordChar = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (isWordChar && start < 0)
            {
                start = i;
            }
            else if (!isWordChar && start >= 0)
            {
                var word = text[start..i];
                var raw = article.RawOffsets.ToRaw(new Lagebild.Documents.Span(start, word.Length));
                // Words with character references ("&bdquo;Wir") are longer in the HTML; plain words match exactly.
                if (!html.AsSpan(raw.Start, raw.Length).Contains('&'))
                {
                    Assert.Equal(word, html.Substring(raw.Start, raw.Length));
                    checkedWords++;
                }

                start = -1;
            }
        }

        Assert.True(checkedWords > 50, $"only {checkedWords} words checked");
    }

    [Fact]
    public void CharacterReferencesMapToTheirSource()
    {
        const string html = "<html><body><p>Caf&eacute; &amp; Bar &#8222;Zum L&ouml;wen&#8220; hat ab heute wieder ge&ouml;ffnet, wie der Wirt am Morgen mitteilte.</p></body></html>";

        var article = Extractor.Extract(html, "a", InputOptions.Default).Article!;

        Assert.Equal("Café & Bar „Zum Löwen“ hat ab heute wieder geöffnet, wie der Wirt am Morgen mitteilte.", article.Text);
        Assert.Equal(html.IndexOf("&eacute;", StringComparison.Ordinal), article.RawOffsets.ToRaw(3));
        Assert.Equal(html.IndexOf("&amp;", StringComparison.Ordinal), article.RawOffsets.ToRaw(5));
        var heute = article.Text.IndexOf("heute", StringComparison.Ordinal);
        Assert.Equal(html.IndexOf("heute", StringComparison.Ordinal), article.RawOffsets.ToRaw(heute));
    }

    [Fact]
    public void CarriageReturnsAndStrayTagsDoNotBreakOffsets()
    {
        var html = "<html>\r\n<body>\r\n<div><p>First line of a paragraph that is long enough\r\nto count as running text</foo> and continues after a stray end tag.</p></div>\r\n</body></html>";

        var article = Extractor.Extract(html, "a", InputOptions.Default).Article!;

        var continues = article.Text.IndexOf("continues", StringComparison.Ordinal);
        Assert.Equal(html.IndexOf("continues", StringComparison.Ordinal), article.RawOffsets.ToRaw(continues));
        var count = article.Text.IndexOf("count", StringComparison.Ordinal);
        Assert.Equal(html.IndexOf("count", StringComparison.Ordinal), article.RawOffsets.ToRaw(count));
    }

    [Fact]
    public void HiddenElementsAreNotText()
    {
        var html = $"<html><body>{Paragraphs(3, "visibility")}<p hidden>Secret hidden paragraph that is long enough to count as running text if it were shown.</p><div style=\"display: none\"><p>Another invisible paragraph with plenty of words that nobody can see on the page.</p></div></body></html>";

        var text = Extractor.Extract(html, "a", InputOptions.Default).Article!.Text;

        Assert.DoesNotContain("Secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("invisible", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    [InlineData("<html><head><title>Nothing</title></head></html>")]
    [InlineData("<html><body><nav><a href=\"/\">Home</a> <a href=\"/a\">About</a></nav></body></html>")]
    [InlineData("<html><body><p>Too short.</p></body></html>")]
    public void PagesWithoutArticleTextFailWithAReason(string html)
    {
        var result = Extractor.Extract(html, "page.html", InputOptions.Default);

        Assert.False(result.Succeeded);
        Assert.Equal("page.html", result.Origin);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }

    [Fact]
    public void DeeplyNestedMarkupDoesNotOverflowTheStack()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 10_000)) + Paragraphs(3, "nesting") + string.Concat(Enumerable.Repeat("</div>", 10_000));

        var result = Extractor.Extract(html, "deep.html", InputOptions.Default);

        Assert.True(result.Succeeded || result.Error is not null);
    }

    [Fact]
    public void BinaryGarbageAndBrokenMarkupDoNotThrow()
    {
        var random = new Random(1234);
        var bytes = new byte[200_000];
        random.NextBytes(bytes);
        var garbage = System.Text.Encoding.Latin1.GetString(bytes);
        var broken = "<html><body><p>Unclosed <b><i>tags <table><tr><td>cell<p>& &amp &#xZZ; &#99999999; <!-- open comment <script>var x = '</p>" + garbage;

        foreach (var html in (string[])[garbage, broken, "<" + new string('<', 50_000), "<p>" + new string('a', 300_000) + "</p>"])
        {
            var result = Extractor.Extract(html, "garbage", InputOptions.Default);
            Assert.True(result.Succeeded || !string.IsNullOrEmpty(result.Error));
            if (result.Article is { } article)
            {
                Assert.InRange(article.RawOffsets.ToRaw(article.Text.Length - 1), 0, html.Length - 1);
            }
        }
    }
}
