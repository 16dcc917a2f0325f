using Lagebild.Nlp.Conllu;
using Lagebild.Nlp.Morphology;

namespace Lagebild.Tests.Nlp;

/// <summary>Training on the small committed EWT fixture: converges, is deterministic, survives a save/load round trip.</summary>
public class MorphTrainerTests
{
    private static readonly List<ConlluSentence> Train =
        ConlluReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "Fixtures", "nlp", "en_ewt-train-sample.conllu"));

    [Fact]
    public void TrainingConvergesOnTheTrainingData()
    {
        var perEpoch = new List<MorphScores>();
        var tagger = MorphTrainer.Train(Train, Train, new MorphTrainingOptions { Language = "en", Epochs = 6, Seed = 3 }, (_, s) => perEpoch.Add(s!));
        Assert.Equal(6, perEpoch.Count);
        Assert.True(perEpoch[^1].Upos > perEpoch[0].Upos, $"UPOS did not improve: {perEpoch[0]} → {perEpoch[^1]}");
        Assert.True(perEpoch[^1].Upos >= 97, perEpoch[^1].ToString());
        Assert.True(perEpoch[^1].Lemma >= 97, perEpoch[^1].ToString());
        Assert.Equal("en", tagger.Language);
    }

    [Fact]
    public void LowercaseWordKeepsItsOwnLemmaWhereACapitalisedSpellingIsMoreFrequent()
    {
        const string name = "1\tAl\tAl\tPROPN\tNNP\tNumber=Sing\t2\tnsubj\t_\t_\n2\tsmiled\tsmile\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";
        const string article = "1\tAbu\tAbu\tPROPN\tNNP\tNumber=Sing\t4\tnsubj\t_\t_\n2\tal\tal\tPROPN\tNNP\tNumber=Sing\t1\tflat\t_\t_\n3\tMasri\tMasri\tPROPN\tNNP\tNumber=Sing\t1\tflat\t_\t_\n4\tspoke\tspeak\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_\n5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";
        var train = Train.Concat(ConlluReader.Parse(string.Concat(Enumerable.Repeat(name, 40)) + string.Concat(Enumerable.Repeat(article, 20)))).ToList();
        var tagger = MorphTrainer.Train(train, null, new MorphTrainingOptions { Language = "en", Epochs = 2 });
        var analyses = tagger.Tag(["Abu", "al", "Masri", "spoke", "."]);
        Assert.Equal("PROPN", analyses[1].Upos);
        Assert.Equal("al", analyses[1].Lemma);
        Assert.Equal("Al", tagger.Tag(["Al", "smiled", "."])[0].Lemma);
    }

    [Theory]
    [InlineData(0, 5, 0f)]
    [InlineData(3, 1, 2f)]
    public void SameSeedGivesTheSameModelAndSaveLoadKeepsPredictions(int ambiguityFolds, int ambiguityMinimumCount, float posMargin)
    {
        var options = new MorphTrainingOptions
        {
            Language = "en",
            Epochs = 2,
            Seed = 7,
            AmbiguityFolds = ambiguityFolds,
            AmbiguityMinimumCount = ambiguityMinimumCount,
            PosMargin = posMargin,
        };
        var first = MorphTrainer.Train(Train, null, options);
        var second = MorphTrainer.Train(Train, null, options);
        var directory = Directory.CreateTempSubdirectory("lagebild-morph-");
        try
        {
            var a = Path.Combine(directory.FullName, "a.bin");
            var b = Path.Combine(directory.FullName, "b.bin");
            first.Save(a);
            second.Save(b);
            Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));

            var loaded = MorphTagger.Load(a);
            string[] sentence = ["The", "committee", "rejected", "the", "proposals", "yesterday", "."];
            Assert.Equal(first.Tag(sentence), loaded.Tag(sentence));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void LoadingSomethingElseFailsCleanly()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not a model");
            Assert.ThrowsAny<Exception>(() => MorphTagger.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
