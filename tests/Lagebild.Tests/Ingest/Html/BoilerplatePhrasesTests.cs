using Lagebild.Ingest;
using Lagebild.Ingest.Html;

namespace Lagebild.Tests.Ingest.Html;

public sealed class BoilerplatePhrasesTests
{
    [Fact]
    public void EndPhrasesMatchAtTheStartOfShortLinesOnly()
    {
        var phrases = new BoilerplatePhrases(["Lesen Sie auch", "related articles"], ["Anzeige"]);

        Assert.True(phrases.EndsArticle("Lesen Sie auch:"));
        Assert.True(phrases.EndsArticle("  LESEN SIE AUCH  "));
        Assert.True(phrases.EndsArticle("Related articles »"));
        Assert.False(phrases.EndsArticle("Lesen Sie außerdem"));
        Assert.False(phrases.EndsArticle("Lesen Sie auch" + new string('x', 100)));
        Assert.False(phrases.EndsArticle("Wer Lesen Sie auch sagt"));
    }

    [Fact]
    public void LabelsMatchWholeLines()
    {
        var phrases = new BoilerplatePhrases([], ["Anzeige", "advertisement"]);

        Assert.True(phrases.IsLabel("ANZEIGE"));
        Assert.True(phrases.IsLabel("- Advertisement -"));
        Assert.False(phrases.IsLabel("Anzeige erstattet"));
    }

    [Fact]
    public void ShippedDataHoldsGermanAndEnglishPhrases()
    {
        var phrases = BoilerplatePhrases.Load(DataDirectory.Default());

        Assert.True(phrases.EndsArticle("Das könnte Sie auch interessieren"));
        Assert.True(phrases.EndsArticle("You may also like"));
        Assert.True(phrases.IsLabel("Werbung"));
    }

    [Fact]
    public void ArticleEndsAtARelatedLinksHeading()
    {
        const string html = """
            <html><body><div class="text">
            <p>Die Gemeinde hat am Montag beschlossen, die alte Brücke über den Bach bis zum Sommer zu sanieren und danach wieder für Autos freizugeben.</p>
            <p>Die Kosten von rund 400.000 Euro trägt zur Hälfte das Land, den Rest finanziert die Gemeinde aus Rücklagen, sagte der Bürgermeister.</p>
            <h3>Lesen Sie auch</h3>
            <p>Im Nachbarort wird seit Jahren über eine Umgehungsstraße gestritten, die Anwohner sammeln inzwischen Unterschriften dagegen.</p>
            </div></body></html>
            """;

        var text = new HtmlMainContentExtractor().Extract(html, "a", InputOptions.Default).Article!.Text;

        Assert.EndsWith("sagte der Bürgermeister.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Umgehungsstraße", text, StringComparison.Ordinal);
    }

    [Fact]
    public void EmbeddedRelatedLinksBoxInsideTheArticleIsDroppedAndTheArticleGoesOn()
    {
        const string html = """
            <html><body><div class="text">
            <p>Die Gemeinde hat am Montag beschlossen, die alte Brücke über den Bach bis zum Sommer zu sanieren und danach wieder für Autos freizugeben.</p>
            <div class="embedded"><h4>Lesen Sie auch</h4><ul><li><a href="/a">Streit um die Umgehungsstraße</a></li><li><a href="/b">Neue Buslinie ab Mai</a></li></ul></div>
            <p>Die Kosten von rund 400.000 Euro trägt zur Hälfte das Land, den Rest finanziert die Gemeinde aus Rücklagen, sagte der Bürgermeister.</p>
            </div></body></html>
            """;

        var text = new HtmlMainContentExtractor().Extract(html, "a", InputOptions.Default).Article!.Text;

        Assert.EndsWith("sagte der Bürgermeister.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Lesen Sie auch", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Buslinie", text, StringComparison.Ordinal);
    }
}
