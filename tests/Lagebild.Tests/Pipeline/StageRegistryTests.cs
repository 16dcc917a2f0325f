using System.Text.Json;
using Lagebild.Documents;
using Lagebild.Knowledge.Linking;
using Lagebild.Output;
using Lagebild.Pipeline;
using Lagebild.Store;
using Lagebild.Text;

namespace Lagebild.Tests.Pipeline;

/// <summary>The engine's stage registry: profiles, --skip-stages, the consistency check, and stages added from outside.</summary>
public sealed class StageRegistryTests
{
    private static readonly Article German = new(
        "Bundeskanzler Olaf Scholz traf am Montag in Berlin den französischen Präsidenten Emmanuel Macron. Scholz sagte, man sei sich einig.",
        new ArticleMetadata { Published = new DateTimeOffset(2023, 3, 1, 0, 0, 0, TimeSpan.Zero) },
        "registry-test");

    [Fact]
    public void SkippingAStageWhoseLayerALaterStageReadsIsRefusedNamingBothAndTheLayer()
    {
        Assert.False(Engine.TryCreate(new EngineOptions { SkipStages = ["linking"] }, out var engine, out var error));

        Assert.Null(engine);
        Assert.Equal("stage 'coreference' needs layer 'actor-mentions', but it is written by stage 'linking', which was left out.", error);
    }

    [Fact]
    public void AProfileThatLacksAStageALaterSkipWouldNeedIsCheckedToo()
    {
        Assert.False(Engine.TryCreate(new EngineOptions { Profile = "fast", SkipStages = ["sentences"] }, out _, out var error));

        Assert.Contains("stage 'tokens' needs layer 'sentences'", error, StringComparison.Ordinal);
        Assert.Contains("'sentences', which was left out", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("quick", null, "unknown profile 'quick'; profiles: full, nlp, fast, text.")]
    [InlineData(null, "coref", "unknown stage 'coref'; stages: language, sentences, tokens, morphology, parser, entities, linking, coreference.")]
    public void UnknownNamesAreRefusedWithTheKnownOnes(string? profile, string? skip, string expected)
    {
        Assert.False(Engine.TryCreate(new EngineOptions { Profile = profile, SkipStages = skip is null ? [] : [skip] }, out _, out var error));

        Assert.Equal(expected, error);
    }

    [Fact]
    public void EveryProfileIsConsistentAndInRegistryOrder()
    {
        foreach (var profile in Engine.Profiles)
        {
            Assert.True(Engine.TryCreate(new EngineOptions { Profile = profile.Name }, out var engine, out var error), error);
            var expected = profile.Stages is null ? Engine.Registry.Select(r => r.Name).ToList() : Engine.Registry.Select(r => r.Name).Where(profile.Stages.Contains).ToList();
            Assert.Equal(expected.Count, engine!.Pipeline.Stages.Count);
        }
    }

    [Fact]
    public void TheFastProfileRunsUpToMorphologyAndLeavesTheLaterSectionsPresentButEmpty()
    {
        Assert.True(Engine.TryCreate(new EngineOptions { Profile = "fast" }, out var engine, out var error), error);

        var context = engine!.Pipeline.Run(German);
        using var json = JsonDocument.Parse(ArticleJsonWriter.ToJson(context, includeTokens: true));
        var root = json.RootElement;

        Assert.Equal(ArticleJsonWriter.Keys, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["text.language", "text.sentences", "text.tokens", "nlp.morphology"], root.GetProperty("stages").EnumerateObject().Select(p => p.Name));
        Assert.Equal("de", root.GetProperty("language").GetString());
        Assert.Equal(2, root.GetProperty("sentences").GetArrayLength());
        var token = root.GetProperty("tokens")[0];
        Assert.Equal("NOUN", token.GetProperty("upos").GetString());
        Assert.False(token.TryGetProperty("head", out _), "the parser did not run, so tokens carry no head");
        Assert.Equal(0, root.GetProperty("entities").GetArrayLength());
        Assert.Contains("entities:   none", TextReport.ToText(context), StringComparison.Ordinal);
    }

    [Fact]
    public void SkippingCoreferenceLeavesTheLinkedMentionsWithoutChains()
    {
        Assert.True(Engine.TryCreate(new EngineOptions { SkipStages = ["entities", "coreference"] }, out var engine, out var error), error);
        Assert.DoesNotContain(engine!.Pipeline.Stages, stage => stage is CoreferenceStage);

        var full = Engine.Create().Pipeline.Run(German);
        var skipped = engine.Pipeline.Run(German);

        using var json = JsonDocument.Parse(ArticleJsonWriter.ToJson(skipped));
        var entities = json.RootElement.GetProperty("entities").EnumerateArray().ToList();
        Assert.Contains(entities, e => e.GetProperty("text").GetString() == "Olaf Scholz" && e.GetProperty("actor").GetProperty("code").GetString() == "DEUGOV");
        Assert.All(entities, e => Assert.Equal(JsonValueKind.Null, e.GetProperty("chain").ValueKind));
        Assert.Contains(LinkingLayers.EntitiesOf(full), e => e.Chain is not null);
        // The stored signature names what ran, so a later run with every stage sees the article as stale.
        Assert.NotEqual(PipelineSignature.Of(full.StageVersions), PipelineSignature.Of(skipped.StageVersions));
        Assert.Equal(PipelineSignature.Of(engine.Pipeline), PipelineSignature.Of(skipped.StageVersions));
    }

    /// <summary>A stage from outside the engine: its layer key and output live here, nothing central knows it.</summary>
    private sealed class CapitalisedWordsStage : IStage
    {
        public static readonly LayerKey<IReadOnlyList<string>> Layer = new("capitalised", new CapitalisedWordsOutput());

        public string Name => "test.capitalised.v1";

        public IReadOnlyList<LayerKey> Reads { get; } = [TextLayers.Tokens];

        public IReadOnlyList<LayerKey> Writes { get; } = [Layer];

        public void Run(AnalysisContext context) => context.Set<IReadOnlyList<string>>(
            Layer, [.. context.Get(TextLayers.Tokens).Where(t => t.Kind == TokenKind.Word && char.IsUpper(t.Form[0])).Select(t => t.Form)]);

        private sealed class CapitalisedWordsOutput : LayerOutput
        {
            public override string Section => "capitalised";

            public override void WriteSection(Utf8JsonWriter writer, AnalysisContext context, OutputOptions options)
            {
                writer.WriteStartArray();
                foreach (var word in context.Get(Layer))
                {
                    writer.WriteStringValue(word);
                }

                writer.WriteEndArray();
            }

            public override void Report(ReportParts report, AnalysisContext context) =>
                report.AddSection("capitalised", ReportParts.Count(context.Get(Layer).Count, "word"), [string.Join(" ", context.Get(Layer))]);

            public override StoredLayer? Store(AnalysisContext context, OutputOptions options) =>
                StoredLayer.Of(context.Get(Layer).Count, writer => writer.WriteNumberValue(context.Get(Layer).Count));
        }
    }

    [Fact]
    public void AStageRegisteredFromOutsideAddsItsOwnSectionReportLinesAndStoredLayer()
    {
        var registry = Engine.Registry.Where(r => r.Name is "language" or "sentences" or "tokens")
            .Append(new StageRegistration("capitalised", "capitalised words", _ => new CapitalisedWordsStage()))
            .ToList();
        Assert.True(Engine.TryCreate(new EngineOptions { Registry = registry }, out var engine, out var error), error);

        var context = engine!.Pipeline.Run(German);

        using var json = JsonDocument.Parse(ArticleJsonWriter.ToJson(context));
        var keys = json.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal([.. ArticleJsonWriter.Keys.SkipLast(1), "capitalised", "warnings"], keys);
        Assert.Equal(
            ["Bundeskanzler", "Olaf", "Scholz", "Montag", "Berlin", "Präsidenten", "Emmanuel", "Macron", "Scholz"],
            json.RootElement.GetProperty("capitalised").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, json.RootElement.GetProperty("entities").GetArrayLength());

        var report = TextReport.ToText(context).ReplaceLineEndings("\n");
        Assert.Contains("tone:       none\ncapitalised: 9 words\n            Bundeskanzler Olaf", report, StringComparison.Ordinal);

        var record = ArticleRecord.From(context, includeTokens: false);
        Assert.Equal(["language", "sentences", "capitalised"], record.Layers.Select(l => l.Layer));
        Assert.Equal("9", record.Layers[^1].Json);

        // Removed again by name, like any registered stage.
        Assert.True(Engine.TryCreate(new EngineOptions { Registry = registry, SkipStages = ["capitalised"] }, out var without, out _));
        using var plain = JsonDocument.Parse(ArticleJsonWriter.ToJson(without!.Pipeline.Run(German)));
        Assert.Equal(ArticleJsonWriter.Keys, plain.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void PipelineAndTheWritersKnowNoStage()
    {
        var engine = Path.Combine(RepositoryPaths.Root, "src", "Lagebild");
        var stageNamespaces = new[] { "using Lagebild.Text", "using Lagebild.Nlp", "using Lagebild.Knowledge", "using Lagebild.Extraction" };
        foreach (var file in Directory.EnumerateFiles(Path.Combine(engine, "Pipeline"), "*.cs")
            .Concat(Directory.EnumerateFiles(Path.Combine(engine, "Output"), "*.cs")))
        {
            var imports = File.ReadLines(file).Where(line => stageNamespaces.Any(ns => line.StartsWith(ns, StringComparison.Ordinal))).ToList();
            Assert.True(imports.Count == 0, $"{Path.GetFileName(file)} imports {string.Join(", ", imports)}");
        }
    }
}
