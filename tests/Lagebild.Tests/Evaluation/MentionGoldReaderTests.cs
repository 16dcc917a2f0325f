using Lagebild.Evaluation;

namespace Lagebild.Tests.Evaluation;

public sealed class MentionGoldReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lagebild-mentions-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private const string Header = """{"id": "a1", "file": "news.jsonl", "line": 3, "published": "2016-01-01", "textLength": 20, "textSha256": "ab", "mentions": [""";

    [Fact]
    public void ReadsMentionsWithTheirKindFormAndCountry()
    {
        var result = Read(Header + """{"start": 0, "length": 2, "text": "UN", "type": "ORG", "kind": "actor", "country": "IGO", "form": "part"}, {"start": 5, "length": 4, "text": "Wien", "type": "LOC", "kind": "place", "country": null}]}""");

        Assert.Null(result.Error);
        var article = result.Article!;
        Assert.Equal(("a1", "news.jsonl", 3, new DateOnly(2016, 1, 1)), (article.Id, article.File, article.Line, article.Published));
        Assert.Equal(GoldMentionForm.Part, article.Mentions[0].Form);
        Assert.Equal(GoldMentionKind.Place, article.Mentions[1].Kind);
        Assert.Null(article.Mentions[1].Country);
        Assert.Equal(GoldMentionForm.Name, article.Mentions[1].Form);
    }

    [Theory]
    [InlineData("""{"start": 0, "length": 3, "text": "UN", "type": "ORG", "kind": "actor", "country": "IGO"}]}""")]
    [InlineData("""{"start": 18, "length": 4, "text": "Wien", "type": "LOC", "kind": "place", "country": null}]}""")]
    [InlineData("""{"start": 0, "length": 2, "text": "UN", "type": "GPE", "kind": "actor", "country": "IGO"}]}""")]
    [InlineData("""{"start": 0, "length": 2, "text": "UN", "type": "ORG", "kind": "agent", "country": "IGO"}]}""")]
    public void ABadMentionIsNamedInTheError(string mentions)
    {
        var result = Read(Header + mentions);

        Assert.Null(result.Article);
        Assert.Equal("mention 0 is incomplete or outside the text", result.Error);
    }

    [Fact]
    public void MalformedJsonAndMissingFieldsAreErrorsNotExceptions()
    {
        Assert.StartsWith("malformed JSON", Read("{\"id\": ").Error, StringComparison.Ordinal);
        Assert.Equal("published must be yyyy-MM-dd", Read(Header.Replace("2016-01-01", "01.01.2016", StringComparison.Ordinal) + "]}").Error);
    }

    [Fact]
    public void TheTextCheckNamesALengthOrContentMismatch()
    {
        var article = new GoldArticle("a1", "de", "news.jsonl", 1, new DateOnly(2016, 1, 1), 3, "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", []);

        Assert.Null(article.CheckText("foo"));
        Assert.Equal("text has 4 characters, the annotation expects 3", article.CheckText("fooo"));
        Assert.Equal("text differs from the annotated text (SHA-256)", article.CheckText("fOo"));
    }

    private GoldArticleResult Read(string json)
    {
        var path = Path.Combine(_directory, "a1.json");
        File.WriteAllText(path, json);
        return MentionGoldReader.Read(path, "de");
    }
}
