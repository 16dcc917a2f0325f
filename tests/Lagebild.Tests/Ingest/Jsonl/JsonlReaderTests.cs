using System.Globalization;
using System.Text;
using Lagebild.Ingest;
using Lagebild.Ingest.Jsonl;

namespace Lagebild.Tests.Ingest.Jsonl;

public sealed class JsonlReaderTests
{
    private const string Stage = "ingest.jsonl";

    public static TheoryData<string> Cases() => SpecFiles.Names(Stage);

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReadsGoldenBatch(string name)
    {
        var spec = SpecFiles.Load(Stage, name);
        var origin = spec.GetProperty("origin").GetString()!;
        var input = SpecFiles.Text(spec, "input")!;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(input));
        var results = new JsonlReader().Read(stream, origin, InputOptions.Default).ToList();
        var expected = spec.GetProperty("expected").EnumerateArray().ToList();
        Assert.Equal(expected.Count, results.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var want = expected[i];
            var got = results[i];
            Assert.Equal(want.GetProperty("origin").GetString(), got.Origin);
            if (want.GetProperty("error").GetBoolean())
            {
                Assert.False(got.Succeeded);
                Assert.False(string.IsNullOrEmpty(got.Error));
                continue;
            }

            Assert.True(got.Succeeded, got.Error);
            var article = got.Article!;
            Assert.Equal(SpecFiles.Text(want, "text"), article.Text);
            CheckOptional(want, "title", article.Metadata.Title);
            CheckOptional(want, "source", article.Metadata.Source);
            CheckOptional(want, "language", article.Metadata.Language);
            CheckOptional(want, "dateline", article.Metadata.Dateline);
            CheckOptional(want, "url", article.Metadata.Url);
            CheckOptional(want, "published", article.Metadata.Published?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
        }
    }

    private static void CheckOptional(System.Text.Json.JsonElement want, string property, string? actual)
    {
        if (want.TryGetProperty(property, out _))
        {
            Assert.Equal(SpecFiles.Text(want, property), actual);
        }
    }

    [Fact]
    public void TextOffsetsMapBackToTheJsonValue()
    {
        var value = "  Erster Satz.\r\nDer KÃ¶lner Dom.";
        var line = System.Text.Json.JsonSerializer.Serialize(new { text = value });
        var article = new JsonlReader().ReadLine(line, "x:1", InputOptions.Default).Article!;
        Assert.Equal("Erster Satz.\nDer Kölner Dom.", article.Text);
        Assert.Equal("Erster Satz.", article.RawOffsets.ToRaw(new Lagebild.Documents.Span(0, 12)).Of(value));
        var dom = article.Text.IndexOf("Der", StringComparison.Ordinal);
        Assert.Equal("Der KÃ¶lner", article.RawOffsets.ToRaw(new Lagebild.Documents.Span(dom, "Der Kölner".Length)).Of(value));
        var end = article.Text.IndexOf(" Dom.", StringComparison.Ordinal);
        Assert.Equal(" Dom.", article.RawOffsets.ToRaw(new Lagebild.Documents.Span(end, 5)).Of(value));
    }

    [Fact]
    public void OptionsStandInForMissingFields()
    {
        var published = new DateTimeOffset(2020, 1, 2, 0, 0, 0, TimeSpan.Zero);
        var options = new InputOptions { Language = "de", Published = published };
        var fromOptions = new JsonlReader().ReadLine("{\"text\": \"Ein Satz.\"}", "x:1", options).Article!;
        Assert.Equal("de", fromOptions.Metadata.Language);
        Assert.Equal(published, fromOptions.Metadata.Published);
        var fromLine = new JsonlReader().ReadLine("{\"text\": \"A sentence.\", \"lang\": \"en\", \"date\": \"2021-05-06\"}", "x:2", options).Article!;
        Assert.Equal("en", fromLine.Metadata.Language);
        Assert.Equal(new DateTimeOffset(2021, 5, 6, 0, 0, 0, TimeSpan.Zero), fromLine.Metadata.Published);
    }

    [Fact]
    public void HtmlFieldGoesThroughTheExtractor()
    {
        var line = "{\"id\": \"h\", \"title\": \"Vom Feld\", \"html\": \"<html><body><article><p>Der Dom in Köln wurde am Montag für Besucher gesperrt, teilte die Stadt mit.</p></article></body></html>\"}";
        var result = new JsonlReader().ReadLine(line, "x:1", InputOptions.Default);
        Assert.True(result.Succeeded, result.Error);
        Assert.Contains("Der Dom in Köln", result.Article!.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<p>", result.Article.Text, StringComparison.Ordinal);
        Assert.Equal("Vom Feld", result.Article.Metadata.Title);
    }

    [Theory]
    [InlineData("2023-03-01", "2023-03-01T00:00:00+00:00")]
    [InlineData("1987-02-26T15:01:01", "1987-02-26T15:01:01+00:00")]
    [InlineData("2023-03-01T08:30:00Z", "2023-03-01T08:30:00+00:00")]
    [InlineData("2023-03-01T08:30:00.123+02:00", "2023-03-01T08:30:00+02:00")]
    [InlineData("26-FEB-1987 15:01:01.79", null)]
    [InlineData("03/01/2023", null)]
    [InlineData("2023-13-45", null)]
    public void ParsesIsoDates(string value, string? expected)
    {
        var parsed = JsonlReader.ParseIsoDate(value);
        Assert.Equal(expected, parsed?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void PrettyPrintedDocumentIsReadWhole()
    {
        var json = "[\n  {\n    \"id\": \"a\",\n    \"text\": \"Erster.\"\n  },\n  {\n    \"title\": \"ohne Text\"\n  }\n]\n";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var results = new JsonlReader().Read(stream, "list.json", InputOptions.Default).ToList();
        Assert.Equal(2, results.Count);
        Assert.Equal("list.json#0#a", results[0].Origin);
        Assert.Equal("Erster.", results[0].Article!.Text);
        Assert.Equal("list.json#1", results[1].Origin);
        Assert.False(results[1].Succeeded);

        using var single = new MemoryStream(Encoding.UTF8.GetBytes("{\n  \"text\": \"Ein Objekt.\"\n}\n"));
        Assert.Equal("Ein Objekt.", new JsonlReader().Read(single, "one.json", InputOptions.Default).Single().Article!.Text);
    }
}
