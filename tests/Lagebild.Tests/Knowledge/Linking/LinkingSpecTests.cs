using System.Globalization;
using System.Text.Json;
using Lagebild.Documents;
using Lagebild.Ingest;
using Lagebild.Knowledge.Linking;
using Lagebild.Pipeline;
using Lagebild.Text;

namespace Lagebild.Tests.Knowledge.Linking;

/// <summary>Golden cases of tests/specs/knowledge.linking and the reference article's checklist facts.</summary>
public sealed class LinkingSpecTests
{
    private static readonly Lazy<Engine> SharedEngine = new(() => Engine.Create());

    private static string SpecRoot => Path.Combine(AppContext.BaseDirectory, "specs", "knowledge.linking");

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var language in new[] { "de", "en" })
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(SpecRoot, language, "linking.json")));
            foreach (var item in document.RootElement.GetProperty("cases").EnumerateArray())
            {
                data.Add(language, item.GetRawText());
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EntitiesAreAsTheGoldenCaseSays(string language, string caseJson)
    {
        using var document = JsonDocument.Parse(caseJson);
        var item = document.RootElement;
        var text = item.GetProperty("text").GetString()!;
        var published = DateTimeOffset.Parse(item.GetProperty("published").GetString()!, CultureInfo.InvariantCulture);
        var context = Analyse(text, language, published);
        var entities = context.Get(LinkingLayers.Coreference).Entities;
        var labels = new Dictionary<string, int?>(StringComparer.Ordinal);
        var description = item.GetProperty("name").GetString();
        foreach (var expected in item.GetProperty("entities").EnumerateArray())
        {
            var surface = expected.GetProperty("text").GetString()!;
            var at = expected.TryGetProperty("at", out var atValue) ? atValue.GetInt32() : 0;
            var start = Occurrence(text, surface, at);
            var entity = entities.SingleOrDefault(e => e.Span.Start == start && e.Text == surface);
            Assert.True(entity is not null, $"{description}: no entity '{surface}' (occurrence {at}); found: {Describe(entities)}");
            var code = expected.GetProperty("code").GetString();
            Assert.True(code == entity.Actor?.Code, $"{description}: '{surface}' has code {entity.Actor?.Code ?? "null"}, expected {code ?? "null"}");
            if (expected.TryGetProperty("id", out var id))
            {
                Assert.Equal(id.GetString(), entity.Actor?.Id);
            }

            if (expected.TryGetProperty("type", out var type))
            {
                Assert.Equal(type.GetString(), EntityTypes.Code(entity.Type));
            }

            if (expected.TryGetProperty("kind", out var kind))
            {
                Assert.Equal(kind.GetString(), LinkingLayers.KindName(entity.Kind));
            }

            if (expected.TryGetProperty("chain", out var chainLabel))
            {
                Assert.True(entity.Chain is not null, $"{description}: '{surface}' has no chain");
                var label = chainLabel.GetString()!;
                if (labels.TryGetValue(label, out var chain))
                {
                    Assert.True(chain == entity.Chain, $"{description}: '{surface}' is in chain {entity.Chain}, expected chain {chain} ({label})");
                }
                else
                {
                    Assert.DoesNotContain(entity.Chain, labels.Values);
                    labels[label] = entity.Chain;
                }
            }

            if (expected.TryGetProperty("members", out var members))
            {
                var wanted = members.EnumerateArray().Select(m => labels[m.GetString()!]!.Value).ToList();
                Assert.Equal(wanted, entity.Members);
            }
        }

        if (item.TryGetProperty("absent", out var absent))
        {
            foreach (var surface in absent.EnumerateArray().Select(a => a.GetString()!))
            {
                Assert.True(entities.All(e => e.Text != surface), $"{description}: '{surface}' must not be an entity; found: {Describe(entities)}");
            }
        }

        // Words that may be a name the recogniser found but must not link to any actor ("Juni", "NOTE").
        if (item.TryGetProperty("unlinked", out var unlinked))
        {
            foreach (var surface in unlinked.EnumerateArray().Select(a => a.GetString()!))
            {
                Assert.True(entities.All(e => !e.Text.Contains(surface, StringComparison.Ordinal) || e.Actor is null),
                    $"{description}: '{surface}' must not be linked; found: {Describe(entities)}");
            }
        }
    }

    /// <summary>Every name the recogniser finds reaches the contract's entities: as its own entity, or inside (or
    /// overlapping) the knowledge base's longer mention that won the span; and the layer has one entity per span.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryRecognisedNameIsInTheOutput(string language, string caseJson)
    {
        using var document = JsonDocument.Parse(caseJson);
        var item = document.RootElement;
        var text = item.GetProperty("text").GetString()!;
        var published = DateTimeOffset.Parse(item.GetProperty("published").GetString()!, CultureInfo.InvariantCulture);
        var context = Analyse(text, language, published);
        var entities = context.Get(LinkingLayers.Coreference).Entities;
        foreach (var recognised in context.Get(Lagebild.Nlp.Entities.EntityLayers.Entities))
        {
            var span = recognised.Span;
            Assert.True(entities.Any(e => e.Span.Start < span.End && e.Span.End > span.Start),
                $"recognised '{text.Substring(span.Start, span.Length)}' ({recognised.Type}) is missing; found: {Describe(entities)}");
        }

        var names = entities.Where(e => e.Kind is not (MentionKind.Pronoun or MentionKind.Plural)).OrderBy(e => e.Span.Start).ToList();
        for (var i = 1; i < names.Count; i++)
        {
            Assert.True(names[i].Span.Start >= names[i - 1].Span.End, $"overlapping entities '{names[i - 1].Text}' and '{names[i].Text}'");
        }
    }

    [Fact]
    public void ReferenceArticleHasEveryChecklistEntityAndCoreference()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(SpecRoot, "reference-article.json")));
        var spec = document.RootElement;
        var result = new ArticleReader().Read([RepositoryPaths.ReferenceArticle], InputOptions.Default).Single();
        Assert.True(result.Succeeded, result.Error);
        var published = DateTimeOffset.Parse(spec.GetProperty("published").GetString()!, CultureInfo.InvariantCulture);
        var context = SharedEngine.Value.Pipeline.Run(result.Article!, new AnalysisOptions { Published = published });
        Assert.Equal("de", context.Language);
        var entities = context.Get(LinkingLayers.Coreference).Entities;
        var failures = new List<string>();
        foreach (var expected in spec.GetProperty("entities").EnumerateArray())
        {
            var mention = expected.GetProperty("mention").GetString()!;
            var code = expected.GetProperty("code").GetString()!;
            var linked = entities.Where(e => e.Text == mention && e.Actor is not null).ToList();
            if (linked.Count == 0)
            {
                failures.Add($"'{mention}' is not linked");
            }
            else if (linked.FirstOrDefault(e => !CodeMatches(e.Actor!.Code, code)) is { } wrong)
            {
                failures.Add($"'{mention}' at {wrong.Span.Start} is {wrong.Actor!.Code}, expected {code}");
            }
            else if (linked.Any(e => EntityTypes.Code(e.Type) != expected.GetProperty("type").GetString()))
            {
                failures.Add($"'{mention}' has type {EntityTypes.Code(linked[0].Type)}");
            }
        }

        var sentences = context.Get(TextLayers.Sentences);
        foreach (var expected in spec.GetProperty("coreference").EnumerateArray())
        {
            var mention = expected.GetProperty("mention").GetString()!;
            var candidates = entities.Where(e => e.Text == mention).ToList();
            if (expected.TryGetProperty("sentence_contains", out var inSentence))
            {
                var sentence = sentences.Single(s => context.Text.Substring(s.Span.Start, s.Span.Length).Contains(inSentence.GetString()!, StringComparison.Ordinal));
                candidates = candidates.Where(e => e.Span.Start >= sentence.Span.Start && e.Span.End <= sentence.Span.End).ToList();
            }

            var referent = expected.GetProperty("refers_to").GetString()!;
            var chain = entities.FirstOrDefault(e => e.Actor?.Name == referent && e.Kind == MentionKind.Name)?.Chain;
            if (candidates.Count == 0)
            {
                failures.Add($"coreference '{mention}' is no entity");
            }
            else if (chain is null || candidates.Any(c => c.Chain != chain || c.Actor?.Name != referent || !CodeMatches(c.Actor?.Code, expected.GetProperty("code").GetString()!)))
            {
                failures.Add($"coreference '{mention}' is not in the chain of {referent}: {string.Join(", ", candidates.Select(c => $"{c.Actor?.Name}#{c.Chain}"))}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>The country part must be equal; the role part too when the expected code has one (IGO: prefix only).</summary>
    private static bool CodeMatches(string? actual, string expected)
    {
        if (actual is null || actual.Length < 3 || !actual.StartsWith(expected[..3], StringComparison.Ordinal))
        {
            return false;
        }

        return expected.Length == 3 || expected.StartsWith("IGO", StringComparison.Ordinal) || string.Equals(actual[3..], expected[3..], StringComparison.Ordinal);
    }

    internal static AnalysisContext Analyse(string text, string language, DateTimeOffset published)
    {
        var article = new Article(text, new ArticleMetadata { Published = published }, "linking-spec");
        return SharedEngine.Value.Pipeline.Run(article, new AnalysisOptions { ForcedLanguage = language });
    }

    private static int Occurrence(string text, string surface, int occurrence)
    {
        var index = -1;
        for (var i = 0; i <= occurrence; i++)
        {
            do
            {
                index = text.IndexOf(surface, index + 1, StringComparison.Ordinal);
            }
            while (index >= 0 && !IsWholeWord(text, index, surface.Length));

            Assert.True(index >= 0, $"'{surface}' occurs fewer than {occurrence + 1} times in the case text");
        }

        return index;
    }

    private static bool IsWholeWord(string text, int start, int length) =>
        (start == 0 || !char.IsLetterOrDigit(text[start - 1])) && (start + length == text.Length || !char.IsLetterOrDigit(text[start + length]));

    private static string Describe(IEnumerable<LinkedEntity> entities) =>
        string.Join("; ", entities.Select(e => $"{e.Text}@{e.Span.Start}={e.Actor?.Code ?? "null"}/{LinkingLayers.KindName(e.Kind)}#{e.Chain}"));
}
