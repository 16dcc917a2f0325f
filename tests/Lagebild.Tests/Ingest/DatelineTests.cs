using System.Globalization;
using System.Text;
using System.Text.Json;
using Lagebild.Ingest;
using Lagebild.Knowledge.Linking;
using Lagebild.Pipeline;

namespace Lagebild.Tests.Ingest;

/// <summary>
/// Golden cases of tests/specs/ingest.datelines: every input kind (plain text, JSONL, HTML, feeds) fills `dateline`
/// from the text it opens with, and linking keeps the dateline's city a place without actor.
/// </summary>
public sealed class DatelineTests
{
    private static readonly Lazy<Engine> SharedEngine = new(() => Engine.Create());

    private static string SpecRoot => Path.Combine(AppContext.BaseDirectory, "specs", "ingest.datelines");

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var language in new[] { "de", "en" })
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(SpecRoot, language, "datelines.json")));
            foreach (var item in document.RootElement.GetProperty("cases").EnumerateArray())
            {
                data.Add(language, item.GetRawText());
            }
        }

        return data;
    }

    [Fact]
    public void EveryInputKindHasCasesInBothLanguages()
    {
        var kinds = Cases().Select(row => (Language: (string)row[0], Kind: JsonDocument.Parse((string)row[1]).RootElement.GetProperty("kind").GetString()))
            .ToHashSet();
        foreach (var language in new[] { "de", "en" })
        {
            foreach (var kind in new[] { "text", "jsonl", "html", "feed" })
            {
                Assert.Contains((language, kind), kinds);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DatelineIsMetadataAndItsCityAPlace(string language, string caseJson)
    {
        using var document = JsonDocument.Parse(caseJson);
        var item = document.RootElement;
        var name = item.GetProperty("name").GetString();
        var kind = item.GetProperty("kind").GetString() switch
        {
            "text" => InputKind.Text,
            "jsonl" => InputKind.Jsonl,
            "html" => InputKind.Html,
            "feed" => InputKind.Feed,
            var other => throw new InvalidDataException($"{name}: unknown kind '{other}'"),
        };
        var published = DateTimeOffset.Parse(item.GetProperty("published").GetString()!, CultureInfo.InvariantCulture);
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(item.GetProperty("input").GetString()!));
        var options = new InputOptions { Kind = kind, Language = language, Published = published };
        var result = new ArticleReader().Read(input, "dateline-case", options).Single();
        Assert.True(result.Succeeded, $"{name}: {result.Error}");
        var article = result.Article!;
        Assert.Equal(item.GetProperty("dateline").GetString(), article.Metadata.Dateline);

        var context = SharedEngine.Value.Pipeline.Run(article, new AnalysisOptions { ForcedLanguage = language, Published = published });
        var entities = context.Get(LinkingLayers.Coreference).Entities;
        var place = item.GetProperty("place").GetString()!;
        var start = context.Text.IndexOf(place, StringComparison.Ordinal);
        Assert.True(start >= 0, $"{name}: '{place}' is not in the text '{context.Text}'");
        var atDateline = entities.Where(e => e.Span.Start < start + place.Length && e.Span.End > start).ToList();
        Assert.True(atDateline.All(e => e.Actor is null && e.Kind == MentionKind.Place),
            $"{name}: the dateline's '{place}' must be a place without actor: {string.Join("; ", atDateline.Select(e => $"{e.Text}={e.Actor?.Code}/{e.Kind}"))}");
        foreach (var actor in item.GetProperty("actors").EnumerateArray())
        {
            var text = actor.GetProperty("text").GetString()!;
            var code = actor.GetProperty("code").GetString();
            Assert.True(entities.Any(e => e.Text == text && e.Actor?.Code == code),
                $"{name}: '{text}' should link to {code}; found: {string.Join("; ", entities.Select(e => $"{e.Text}={e.Actor?.Code}"))}");
        }
    }
}
