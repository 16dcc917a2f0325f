using System.Globalization;
using System.Text;
using System.Text.Json;
using Lagebild.Ingest;
using Lagebild.Ingest.Feeds;

namespace Lagebild.Tests.Ingest.Feeds;

/// <summary>
/// Golden cases in specs/ingest.feeds/*.json: a feed (as text, optionally encoded to bytes with "inputEncoding")
/// and the expected results in order. Per result: origin, and either an error ("errorIncludes") or article
/// fields; a field present in the case is checked (null means must be null), an absent one is not. Text is
/// checked exactly ("text") or by whitespace-collapsed fragments ("textIncludes"/"textExcludes") where it goes
/// through HTML rendering, whose exact spacing belongs to the HTML component.
/// </summary>
public sealed class FeedGoldenTests
{
    private static readonly string SpecDirectory = Path.Combine(AppContext.BaseDirectory, "specs", "ingest.feeds");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(SpecDirectory, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Fact]
    public void SpecDirectoryHoldsCases() => Assert.True(Cases().Count >= 8, $"expected golden feed cases in {SpecDirectory}");

    [Theory]
    [MemberData(nameof(Cases))]
    public void FeedCaseMatches(string name)
    {
        using var spec = JsonDocument.Parse(File.ReadAllText(Path.Combine(SpecDirectory, name + ".json")));
        var root = spec.RootElement;
        var input = root.GetProperty("input").GetString()!;
        var bytes = root.TryGetProperty("inputEncoding", out var encodingName)
            ? EncodingNamed(encodingName.GetString()!).GetBytes(input)
            : Encoding.UTF8.GetBytes(input);
        var origin = root.TryGetProperty("origin", out var originElement) ? originElement.GetString()! : "feed.xml";

        var results = new FeedReader().Read(bytes, origin, InputOptions.Default).ToList();
        var expected = root.GetProperty("expected").EnumerateArray().ToList();
        Assert.True(expected.Count == results.Count, $"{name}: expected {expected.Count} results, got {results.Count}: {Describe(results)}");
        for (var i = 0; i < expected.Count; i++)
        {
            Check(name, i, expected[i], results[i]);
        }
    }

    private static void Check(string name, int index, JsonElement expected, IngestResult result)
    {
        var where = $"{name} result {index + 1} ({result.Origin})";
        Assert.Equal(expected.GetProperty("origin").GetString(), result.Origin);
        if (expected.TryGetProperty("errorIncludes", out var errorIncludes))
        {
            Assert.True(result.Error is not null, $"{where}: expected an error, got an article");
            foreach (var fragment in errorIncludes.EnumerateArray())
            {
                Assert.True(result.Error!.Contains(fragment.GetString()!, StringComparison.Ordinal), $"{where}: error '{result.Error}' lacks '{fragment.GetString()}'");
            }

            return;
        }

        Assert.True(result.Article is not null, $"{where}: expected an article, got error '{result.Error}'");
        var article = result.Article!;
        var meta = article.Metadata;
        CheckField(expected, "title", meta.Title, where);
        CheckField(expected, "url", meta.Url, where);
        CheckField(expected, "author", meta.Author, where);
        CheckField(expected, "source", meta.Source, where);
        CheckField(expected, "language", meta.Language, where);
        if (expected.TryGetProperty("published", out var published))
        {
            if (published.ValueKind == JsonValueKind.Null)
            {
                Assert.Null(meta.Published);
            }
            else
            {
                var want = DateTimeOffset.Parse(published.GetString()!, CultureInfo.InvariantCulture);
                Assert.True(meta.Published is { } got && got.EqualsExact(want), $"{where}: published {meta.Published:o}, expected {want:o}");
            }
        }

        if (expected.TryGetProperty("text", out var text))
        {
            Assert.Equal(text.GetString(), article.Text);
        }

        var collapsed = Collapse(article.Text);
        if (expected.TryGetProperty("textIncludes", out var includes))
        {
            foreach (var fragment in includes.EnumerateArray())
            {
                Assert.True(collapsed.Contains(Collapse(fragment.GetString()!), StringComparison.Ordinal), $"{where}: text '{collapsed}' lacks '{fragment.GetString()}'");
            }
        }

        if (expected.TryGetProperty("textExcludes", out var excludes))
        {
            foreach (var fragment in excludes.EnumerateArray())
            {
                Assert.False(collapsed.Contains(fragment.GetString()!, StringComparison.Ordinal), $"{where}: text '{collapsed}' contains '{fragment.GetString()}'");
            }
        }
    }

    private static void CheckField(JsonElement expected, string name, string? actual, string where)
    {
        if (expected.TryGetProperty(name, out var value))
        {
            Assert.True(string.Equals(value.ValueKind == JsonValueKind.Null ? null : value.GetString(), actual, StringComparison.Ordinal),
                $"{where}: {name} is '{actual}', expected '{value}'");
        }
    }

    private static Encoding EncodingNamed(string name) =>
        string.Equals(name, "iso-8859-1", StringComparison.OrdinalIgnoreCase) ? Encoding.Latin1 : Encoding.GetEncoding(name);

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Describe(IEnumerable<IngestResult> results) =>
        string.Join(" | ", results.Select(r => r.Error is null ? $"{r.Origin}: '{Collapse(r.Article!.Text)}'" : $"{r.Origin}: ERROR {r.Error}"));
}
