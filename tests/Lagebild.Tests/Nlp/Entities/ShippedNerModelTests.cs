using System.Text;
using System.Text.Json;
using Lagebild.Documents;
using Lagebild.Nlp;
using Lagebild.Nlp.Entities;
using Lagebild.Pipeline;
using Lagebild.Tests.Cli;
using Lagebild.Text;

namespace Lagebild.Tests.Nlp.Entities;

/// <summary>The shipped models: scores on committed gold samples, the `ner` command's CoNLL contract, robustness.</summary>
public sealed class ShippedNerModelTests
{
    private static readonly Lazy<EntityRecognizer> English = new(() => EntityRecognizer.Load(DataDirectory.Default(), "en")!);
    private static readonly Lazy<EntityRecognizer> German = new(() => EntityRecognizer.Load(DataDirectory.Default(), "de")!);

    public static TheoryData<string, string> Samples => new()
    {
        { "en", "uner-en_ewt-dev-first200.iob2" },
        { "de", "germeval2014-dev-heldout-first200.tsv" },
    };

    private static EntityRecognizer For(string language) => language == "en" ? English.Value : German.Value;

    [Theory]
    [MemberData(nameof(Samples))]
    public void ReproducesTheRecordedScoreOnTheCommittedSample(string language, string file)
    {
        var sentences = NerCorpus.Read(RepositoryPaths.Fixture("ner", file), new NerTagMapping());
        Assert.Equal(200, sentences.Count);
        var evaluation = NerEvaluation.Run(For(language), sentences);
        using var spec = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "specs", "ner", "quality.json")));
        var recorded = spec.RootElement.GetProperty(language);
        var f1 = evaluation.Overall.F1 * 100;
        Assert.True(
            Math.Abs(f1 - recorded.GetProperty("sampleF1").GetDouble()) <= 0.5,
            $"{language}: F1 {f1:F2} on the sample, recorded {recorded.GetProperty("sampleF1").GetDouble():F2}\n{evaluation.Format()}");
        Assert.True(f1 >= recorded.GetProperty("minimumF1").GetDouble(), $"{language}: F1 {f1:F2} below the minimum");
    }

    [Fact]
    public void NerCommandWritesTokenTabTagWithABlankLineAfterEverySentence()
    {
        var directory = Directory.CreateTempSubdirectory("ner-cli");
        try
        {
            var input = Path.Combine(directory.FullName, "in.conll");
            File.WriteAllText(input, "# newdoc\n1\tAngela\tB-PER\textra\nMerkel\tI-PER\nbesuchte\nParis\n.\n\n\n# sent\nDer\tO\nBundestag\n", Encoding.UTF8);
            var run = CliRunner.Run("ner", "--lang", "de", "--format", "conll", input);
            Assert.Equal(0, run.ExitCode);
            var lines = run.Output.Split('\n');
            Assert.Equal(["1", "Merkel", "besuchte", "Paris", ".", "", "Der", "Bundestag", "", ""], lines.Select(l => l.Split('\t')[0]));
            var tags = lines.Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();
            Assert.All(tags, fields => Assert.Equal(2, fields.Length));
            Assert.All(tags, fields => Assert.Matches("^(O|[BI]-(PER|ORG|LOC|MISC))$", fields[1]));
            Assert.EndsWith("\n\n", run.Output, StringComparison.Ordinal);

            var empty = Path.Combine(directory.FullName, "empty.conll");
            File.WriteAllText(empty, "", Encoding.UTF8);
            var emptyRun = CliRunner.Run("ner", "--lang", "en", empty);
            Assert.Equal(0, emptyRun.ExitCode);
            Assert.Equal("", emptyRun.Output);

            Assert.Equal(2, CliRunner.Run("ner", "--lang", "xx", input).ExitCode);
            Assert.Equal(2, CliRunner.Run("ner", "--lang", "en", "--format", "json", input).ExitCode);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void FindsObviousEntities()
    {
        var mentions = English.Value.Recognize(["Barack", "Obama", "visited", "Germany", "last", "week", "."]);
        Assert.Contains(new TokenMention(0, 2, EntityType.Person), mentions);
        Assert.Contains(new TokenMention(3, 1, EntityType.Location), mentions);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    public void SurvivesEmptyShortLongAndRandomInput(string language)
    {
        var recognizer = For(language);
        Assert.Empty(recognizer.Tag([]));
        Assert.Single(recognizer.Tag(["Berlin"]));
        var random = new Random(17);
        var words = Enumerable.Range(0, 500).Select(i => i % 7 == 0 ? "Müller" : i % 5 == 0 ? "," : "word" + i).ToArray();
        AssertValid(recognizer.Label(words));
        for (var round = 0; round < 50; round++)
        {
            var tokens = Enumerable.Range(0, random.Next(1, 40)).Select(_ => RandomString(random)).ToArray();
            AssertValid(recognizer.Label(tokens));
        }

        static void AssertValid(byte[] labels)
        {
            var previous = (int)NerLabels.Outside;
            foreach (var label in labels)
            {
                Assert.True(NerLabels.IsAllowedAfter(previous, label));
                previous = label;
            }
        }
    }

    private static string RandomString(Random random)
    {
        var builder = new StringBuilder();
        var length = random.Next(0, 12);
        for (var i = 0; i < length; i++)
        {
            // Any UTF-16 unit, lone surrogates included.
            builder.Append((char)random.Next(0, 0x10000));
        }

        return builder.ToString();
    }

    [Fact]
    public void StageWritesEntitiesWithSpansAndAnEmptyLayerWithoutAModel()
    {
        const string text = "Angela Merkel traf Emmanuel Macron in Paris.";
        var forms = new[] { "Angela", "Merkel", "traf", "Emmanuel", "Macron", "in", "Paris", "." };
        var tokens = new List<Token>();
        var offset = 0;
        foreach (var form in forms)
        {
            var start = text.IndexOf(form, offset, StringComparison.Ordinal);
            tokens.Add(new Token(new Span(start, form.Length), form, TokenKind.Word, 0));
            offset = start + form.Length;
        }

        var stage = new EntityRecognitionStage(DataDirectory.Default());
        var context = new AnalysisContext(new Article(text, new ArticleMetadata(), "test"), new AnalysisOptions { ForcedLanguage = "de" });
        context.Set(TextLayers.Tokens, tokens);
        context.Set(TextLayers.Sentences, [new Sentence(new Span(0, text.Length))]);
        stage.Run(context);
        var entities = context.Get(EntityLayers.Entities);
        Assert.StartsWith("nlp.entities.v3-m", stage.Name, StringComparison.Ordinal);
        Assert.Contains(entities, e => e.Type == EntityType.Location && e.Span.Of(text) == "Paris" && e.FirstToken == 6 && e.TokenCount == 1);
        Assert.All(entities, e => Assert.Equal(tokens[e.FirstToken].Span.Start, e.Span.Start));

        var unknown = new AnalysisContext(new Article(text, new ArticleMetadata(), "test"), new AnalysisOptions { ForcedLanguage = "und" });
        unknown.Set(TextLayers.Tokens, tokens);
        stage.Run(unknown);
        Assert.Empty(unknown.Get(EntityLayers.Entities));
        Assert.Single(unknown.Warnings);
    }

    [Fact]
    public void StageTakesPartsOfSpeechFromTheMorphologyLayer()
    {
        const string text = "barack obama met angela merkel in berlin .";
        var forms = text.Split(' ');
        var tokens = new List<Token>();
        var offset = 0;
        foreach (var form in forms)
        {
            tokens.Add(new Token(new Span(offset, form.Length), form, TokenKind.Word, 0));
            offset += form.Length + 1;
        }

        Assert.True(English.Value.Model.UsesPartOfSpeech);
        var context = new AnalysisContext(new Article(text, new ArticleMetadata(), "test"), new AnalysisOptions { ForcedLanguage = "en" });
        context.Set(TextLayers.Tokens, tokens);
        context.Set(TextLayers.Sentences, [new Sentence(new Span(0, text.Length))]);
        new Lagebild.Nlp.MorphologyStage(DataDirectory.Default()).Run(context);
        var stage = new EntityRecognitionStage(DataDirectory.Default());
        Assert.Contains(MorphologyLayers.Morphology, stage.Reads);
        stage.Run(context);
        var fromLayer = context.Get(EntityLayers.Entities).Select(e => new TokenMention(e.FirstToken, e.TokenCount, e.Type));
        var tags = EntityRecognizer.FromAnalyses(context.Get(MorphologyLayers.Morphology).Tokens);
        Assert.Equal(English.Value.Recognize(forms, tags), fromLayer);
        // The recogniser's own tagger is the shipped one, so it agrees with the layer.
        Assert.Equal(English.Value.Recognize(forms), fromLayer);
    }
}
