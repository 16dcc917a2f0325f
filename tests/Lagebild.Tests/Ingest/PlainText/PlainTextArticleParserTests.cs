using Lagebild.Ingest;
using Lagebild.Ingest.Decoding;
using Lagebild.Ingest.PlainText;

namespace Lagebild.Tests.Ingest.PlainText;

public sealed class PlainTextArticleParserTests
{
    private const string Stage = "ingest.plaintext";

    private static readonly PlainTextArticleParser Parser = new(PlainTextConventions.Load(DataDirectory.Default()));

    public static TheoryData<string> Cases() => SpecFiles.Names(Stage);

    [Theory]
    [MemberData(nameof(Cases))]
    public void ParsesGoldenCase(string name)
    {
        var spec = SpecFiles.Load(Stage, name);
        var input = SpecFiles.Text(spec, "input")!;
        var expected = spec.GetProperty("expected");
        var result = Parser.Parse(input, name, InputOptions.Default);
        Assert.True(result.Succeeded, result.Error);
        var article = result.Article!;
        Assert.Equal(SpecFiles.Text(expected, "text"), article.Text);
        Assert.Equal(SpecFiles.Text(expected, "title"), article.Metadata.Title);
        Assert.Equal(SpecFiles.Text(expected, "dateline"), article.Metadata.Dateline);
        Assert.Equal(SpecFiles.Text(expected, "source"), article.Metadata.Source);
        Assert.Equal(SpecFiles.Text(expected, "author"), article.Metadata.Author);
        OffsetAssert.LinesMapBack(article, input);
    }

    [Fact]
    public void ReferenceArticleEndToEnd()
    {
        var path = SpecFiles.RepositoryFile("samples", "de-cnn-xi-lukaschenko-2023-03-01.txt");
        var raw = File.ReadAllText(path);
        var result = new ArticleReader().Read([path], InputOptions.Default).Single();
        Assert.True(result.Succeeded, result.Error);
        var article = result.Article!;
        var firstLine = raw[..raw.IndexOf('\n', StringComparison.Ordinal)];
        Assert.Equal(firstLine, article.Metadata.Title);
        Assert.StartsWith(firstLine + "\n\nDer chinesische Staatschef", article.Text, StringComparison.Ordinal);
        Assert.Equal("Hongkong", article.Metadata.Dateline);
        Assert.Equal("CNN", article.Metadata.Source);
        Assert.DoesNotContain("source site", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\nHongkong\n", article.Text, StringComparison.Ordinal);
        Assert.EndsWith("sagte er.", article.Text, StringComparison.Ordinal);
        OffsetAssert.LinesMapBack(article, raw);
    }

    [Fact]
    public void OffsetsMapThroughDecodingRepairs()
    {
        var raw = "Schlagzeile aus KÃ¶ln\r\n\r\nKÃ¶ln\r\n\r\nDer Dom in KÃ¶ln wurde am Montag gesperrt.\r\nsource site-3\r\n";
        var (normalized, map, _) = TextDecoder.Normalize(raw);
        var article = Parser.Parse(normalized, "x", InputOptions.Default, map).Article!;
        Assert.Equal("Schlagzeile aus Köln\n\nDer Dom in Köln wurde am Montag gesperrt.", article.Text);
        Assert.Equal("Köln", article.Metadata.Dateline);
        var sentenceStart = article.Text.IndexOf("Der Dom", StringComparison.Ordinal);
        var rawSpan = article.RawOffsets.ToRaw(new Lagebild.Documents.Span(sentenceStart, "Der Dom in ".Length));
        Assert.Equal("Der Dom in ", rawSpan.Of(raw));
        var after = article.Text.IndexOf(" wurde", StringComparison.Ordinal);
        Assert.Equal(" wurde am Montag gesperrt.", article.RawOffsets.ToRaw(new Lagebild.Documents.Span(after, " wurde am Montag gesperrt.".Length)).Of(raw));
        var repaired = article.RawOffsets.ToRaw(new Lagebild.Documents.Span(after - 4, 4));
        Assert.Equal("KÃ¶ln", repaired.Of(raw));
    }

    [Fact]
    public void OnlyResidueIsAnError()
    {
        var result = Parser.Parse("Advertisement\n\nsource site-40\n", "empty.txt", InputOptions.Default);
        Assert.False(result.Succeeded);
        Assert.Equal("empty.txt", result.Origin);
    }

    [Fact]
    public void OptionsFillLanguageAndDate()
    {
        var published = new DateTimeOffset(2023, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var article = Parser.Parse("Ein Satz.", "x", new InputOptions { Language = "de", Published = published }).Article!;
        Assert.Equal("de", article.Metadata.Language);
        Assert.Equal(published, article.Metadata.Published);
        Assert.Equal("Ein Satz.", article.Text);
    }

    [Fact]
    public void ConventionsComeFromData()
    {
        var conventions = new PlainTextConventions(["any: werbeblock", "edge: ende der übertragung", "tail: siehe auch"], ["Lokalblatt"], []);
        var parser = new PlainTextArticleParser(conventions);
        var article = parser.Parse("Titel der Meldung\n\nLokalblatt\n\nErster Absatz.\n\nWerbeblock\n\nZweiter Absatz.\n\nEnde der Übertragung", "x", InputOptions.Default).Article!;
        Assert.Equal("Titel der Meldung\n\nErster Absatz.\n\nZweiter Absatz.", article.Text);
        Assert.Equal("Lokalblatt", article.Metadata.Source);
    }

    [Theory]
    [InlineData("SALVADOR, Feb 26 -", "SALVADOR")]
    [InlineData("PORTLAND, Ore., Feb 26 -", "PORTLAND, Ore.")]
    [InlineData("WASHINGTON (Reuters) -", "WASHINGTON")]
    [InlineData("Wien", "Wien")]
    [InlineData("  Hongkong (CNN) — ", "Hongkong")]
    [InlineData("somewhere in the north", "somewhere in the north")]
    public void ReducesDatelineFieldsToThePlace(string dateline, string expected)
    {
        Assert.Equal(expected, PlainTextArticleParser.PlaceOfDateline(dateline));
    }
}
