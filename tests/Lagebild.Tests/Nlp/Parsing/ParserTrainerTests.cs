using Lagebild.Nlp.Conllu;
using Lagebild.Nlp.Parsing;

namespace Lagebild.Tests.Nlp.Parsing;

public class ParserTrainerTests
{
    private static List<ConlluSentence> Sample() =>
        ConlluReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "Fixtures", "nlp", "en_ewt-train-sample.conllu"));

    private static DependencyParser Train(int epochs, int seed = 1, List<ParserScores?>? perEpoch = null)
    {
        var sample = Sample();
        var options = new ParserTrainingOptions { Language = "en", Epochs = epochs, Seed = seed, MinimumWeight = 0 };
        return ParserTrainer.Train(sample, sample, options, (_, scores) => perEpoch?.Add(scores));
    }

    [Fact]
    public void TrainingOnASmallSampleFitsIt()
    {
        var perEpoch = new List<ParserScores?>();
        var parser = Train(8, perEpoch: perEpoch);
        var first = perEpoch[0]!;
        var last = perEpoch[^1]!;
        Assert.True(last.Las > first.Las, $"LAS did not improve: {first} -> {last}");
        Assert.True(last.Uas >= 90 && last.Las >= 85, $"training data not fitted: {last}");
        Assert.Equal(last, ParserEvaluation.Evaluate(parser, Sample()).Scores);
    }

    [Fact]
    public void TrainingIsDeterministicForASeed()
    {
        var sample = Sample();
        var first = Train(2);
        var second = Train(2);
        foreach (var sentence in sample.Take(20))
        {
            var morphology = ParserEvaluation.GoldMorphology(sentence);
            Assert.Equal(first.Parse(sentence.Forms(), morphology), second.Parse(sentence.Forms(), morphology));
        }
    }

    [Fact]
    public void SavedModelParsesLikeTheTrainedOne()
    {
        var parser = Train(3);
        var path = Path.Combine(Path.GetTempPath(), $"lagebild-parser-{Guid.NewGuid():N}.bin");
        try
        {
            parser.Save(path);
            var loaded = DependencyParser.Load(path);
            Assert.Equal(parser.Labels, loaded.Labels);
            var before = ParserEvaluation.Evaluate(parser, Sample()).Scores;
            var after = ParserEvaluation.Evaluate(loaded, Sample()).Scores;
            // Weights are stored at half precision, so a near-tie may flip; the scores stay close.
            Assert.InRange(after.Las, before.Las - 1.0, before.Las + 1.0);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
