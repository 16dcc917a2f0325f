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
    public void SameSeedGivesTheSameModelAndSaveLoadKeepsPredictions()
    {
        var options = new MorphTrainingOptions { Language = "en", Epochs = 2, Seed = 7 };
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
