using System.Globalization;
using Lagebild.Nlp.Conllu;
using Lagebild.Nlp.Morphology;

namespace Lagebild.Tests.Nlp;

/// <summary>The shipped models, loaded once for the test class.</summary>
public sealed class ShippedModels
{
    public ShippedModels()
    {
        German = MorphologyAnalyzer.Load(DataDirectory.Default(), "de") ?? throw new InvalidOperationException("No German model shipped.");
        English = MorphologyAnalyzer.Load(DataDirectory.Default(), "en") ?? throw new InvalidOperationException("No English model shipped.");
    }

    public MorphologyAnalyzer German { get; }

    public MorphologyAnalyzer English { get; }

    public MorphologyAnalyzer For(string language) => language == "de" ? German : English;

    /// <summary>The key = value lines of data/models/&lt;lang&gt;/tagger.txt.</summary>
    public static Dictionary<string, string> RecordedScores(string language)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(DataDirectory.Default().Resolve("models", language, "tagger.txt")))
        {
            var eq = line.IndexOf(" = ", StringComparison.Ordinal);
            if (!line.StartsWith('#') && eq > 0)
            {
                values[line[..eq]] = line[(eq + 3)..];
            }
        }

        return values;
    }
}

public class ShippedModelTests(ShippedModels models) : IClassFixture<ShippedModels>
{
    /// <summary>
    /// The German sample is the whole held-out part of GSD dev, so it must reproduce the recorded score; the English
    /// sample is the first 200 sentences of EWT dev, so it gets a wider margin.
    /// </summary>
    [Theory]
    [InlineData("de", "de_gsd-dev-heldout.conllu", 0.05)]
    [InlineData("en", "en_ewt-dev-sample.conllu", 1.5)]
    public void ShippedModelReproducesItsRecordedDevScores(string language, string sample, double tolerance)
    {
        var gold = ConlluReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "Fixtures", "nlp", sample));
        var (scores, _) = MorphEvaluator.Evaluate(models.For(language).Tagger, gold);
        var recorded = ShippedModels.RecordedScores(language);
        double Recorded(string key) => double.Parse(recorded[key], CultureInfo.InvariantCulture);
        Assert.True(scores.Upos >= Recorded("dev.upos") - tolerance, $"{language}: {scores} vs recorded UPOS {recorded["dev.upos"]}");
        Assert.True(scores.UFeats >= Recorded("dev.ufeats") - tolerance, $"{language}: {scores} vs recorded UFeats {recorded["dev.ufeats"]}");
        Assert.True(scores.Lemma >= Recorded("dev.lemma") - tolerance, $"{language}: {scores} vs recorded Lemma {recorded["dev.lemma"]}");
        Assert.Contains("command: lagebild train tagger", File.ReadAllText(DataDirectory.Default().Resolve("models", language, "tagger.txt")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("de")]
    [InlineData("en")]
    public void OddInputGivesOneAnalysisPerWord(string language)
    {
        var analyzer = models.For(language);
        Assert.Empty(analyzer.Analyze([]));
        Assert.Single(analyzer.Analyze(["Hallo"]));
        Assert.Single(analyzer.Analyze([""]));

        var words = Enumerable.Range(0, 500).Select(i => (i % 7) switch
        {
            0 => "the",
            1 => "Haus",
            2 => i.ToString(CultureInfo.InvariantCulture),
            3 => ",",
            4 => "running",
            5 => "Bundesregierung",
            _ => "x",
        }).ToArray();
        var long500 = analyzer.Analyze(words);
        Assert.Equal(500, long500.Length);
        Assert.All(long500, a => Assert.False(string.IsNullOrEmpty(a.Upos) || string.IsNullOrEmpty(a.Lemma)));

        var random = new Random(11);
        for (var round = 0; round < 50; round++)
        {
            var sentence = new string[random.Next(1, 30)];
            for (var w = 0; w < sentence.Length; w++)
            {
                var chars = new char[random.Next(1, 12)];
                for (var c = 0; c < chars.Length; c++)
                {
                    // Any UTF-16 code unit, lone surrogates and controls included.
                    chars[c] = (char)random.Next(0, 0x10000);
                }

                sentence[w] = new string(chars);
            }

            var analyses = analyzer.Analyze(sentence);
            Assert.Equal(sentence.Length, analyses.Length);
            Assert.All(analyses, a => Assert.False(string.IsNullOrEmpty(a.Lemma)));
        }
    }

    [Fact]
    public void GermanSeparatedParticleIsJoinedToTheVerb()
    {
        string[] sentence = ["Die", "Regierung", "sprach", "gestern", "eine", "Warnung", "aus", "."];
        var analyses = models.German.Analyze(sentence);
        Assert.Equal("PTKVZ", analyses[6].Xpos);
        Assert.Equal("sprechen", analyses[2].Lemma);
        Assert.Equal("aussprechen", analyses[2].FullLemma);
    }

    [Fact]
    public void EnglishTagsAndLemmatisesASimpleSentence()
    {
        string[] sentence = ["The", "ministers", "were", "meeting", "in", "Brussels", "."];
        var analyses = models.English.Analyze(sentence);
        Assert.Equal(["DET", "NOUN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"], analyses.Select(a => a.Upos));
        Assert.Equal("minister", analyses[1].Lemma);
        Assert.Equal("be", analyses[2].Lemma);
        Assert.Equal("Plur", analyses[1].Feature("Number"));
    }
}
