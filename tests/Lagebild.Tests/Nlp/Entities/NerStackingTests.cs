using Lagebild.Documents;
using Lagebild.Nlp.Entities;

namespace Lagebild.Tests.Nlp.Entities;

/// <summary>The stacked second pass: first-pass history codes, jackknifed training labels and the document features.</summary>
public sealed class NerStackingTests
{
    private static readonly NerTagMapping Mapping = new();

    private static byte[] Labels(params string[] tags) => [.. tags.Select(Mapping.Map)];

    private static byte[] Codes(NerFirstPassHistory history, params string[] tokens)
    {
        var codes = new byte[tokens.Length];
        history.Codes(tokens, codes);
        return codes;
    }

    private static byte TypeCode(EntityType type, bool outnumbersOutside) => (byte)(2 + (2 * (int)type) + (outnumbersOutside ? 1 : 0));

    [Fact]
    public void HistoryGivesTheMostFrequentEarlierTypeOfTheSameStringWithinItsWindow()
    {
        var history = new NerFirstPassHistory(window: 3);
        Assert.Equal([NerFirstPassHistory.Unseen, NerFirstPassHistory.Unseen], Codes(history, "Kestrel", "rose"));
        history.Add(["Kestrel", "rose"], Labels("B-ORG", "O"));
        Assert.Equal([TypeCode(EntityType.Organisation, true), NerFirstPassHistory.OnlyOutside, NerFirstPassHistory.Unseen], Codes(history, "Kestrel", "rose", "kestrel"));

        // Two outside readings now outnumber the one organisation reading; the type is still the most frequent one.
        history.Add(["Kestrel", "fell"], Labels("O", "O"));
        history.Add(["Kestrel", "won"], Labels("O", "O"));
        Assert.Equal([TypeCode(EntityType.Organisation, false)], Codes(history, "Kestrel"));

        // Four sentences later the organisation reading has left the window of three.
        history.Add(["x"], Labels("O"));
        Assert.Equal([NerFirstPassHistory.OnlyOutside], Codes(history, "Kestrel"));
    }

    [Fact]
    public void JackknifedTrainingLabelsComeFromModelsThatDidNotSeeTheSentence()
    {
        var training = Enumerable.Range(0, 9).Select(i => new NerSentence([$"w{i}", "Name"], Labels("O", "B-PER"))).ToList();
        var seen = new List<HashSet<string>>();
        var stacked = NerTrainer.WithJackknifedFirstPass(training, 3, data =>
        {
            seen.Add([.. data.Select(s => s.Tokens[0])]);
            return new NerTrainer("en", new NerGazetteer(), new NerTrainingOptions { Epochs = 2, HashBits = 12 }).Train(data);
        });

        Assert.Equal(3, seen.Count);
        Assert.All(seen, s => Assert.Equal(6, s.Count));
        // Fold k holds sentences 3k..3k+2: its model never saw them.
        for (var fold = 0; fold < 3; fold++)
        {
            Assert.DoesNotContain($"w{3 * fold}", seen[fold]);
        }

        Assert.All(stacked, s => Assert.Equal(s.Tokens.Length, s.FirstPass!.Length));
        // The first sentence has no history; later ones see "Name" as a person from the first pass.
        Assert.Equal([NerFirstPassHistory.Unseen, NerFirstPassHistory.Unseen], stacked[0].DocumentCodes!);
        Assert.Equal(TypeCode(EntityType.Person, true), stacked[1].DocumentCodes![1]);
    }

    /// <summary>
    /// A capitalised word is a name or not only by what the first pass said of it earlier in the document: the stacked
    /// model with document features learns that; saved and loaded it tags a stream alike.
    /// </summary>
    [Fact]
    public void DocumentFeaturesCarryEarlierFirstPassReadingsIntoTheSecondPass()
    {
        // Each document: "Xyz is a person ." (Xyz a name the first pass gets from context), then "Xyz left ." where
        // the context says nothing; in distractor documents "Xyz" is an ordinary capitalised word in both.
        var training = new List<NerSentence>();
        for (var d = 0; d < 60; d++)
        {
            var word = $"Qa{d}";
            var isName = d % 2 == 0;
            training.Add(new NerSentence([word, "is", isName ? "a" : "the", isName ? "person" : "title", "."], isName ? Labels("B-PER", "O", "O", "O", "O") : Labels("O", "O", "O", "O", "O")));
            training.Add(new NerSentence([word, "left", "."], isName ? Labels("B-PER", "O", "O") : Labels("O", "O", "O")));
        }

        var options = new NerTrainingOptions { Epochs = 6, HashBits = 16, FeatureSet = NerFeatureSets.Stacked };
        var gazetteer = new NerGazetteer();
        NerModel FirstPass(IReadOnlyList<NerSentence> data) => new NerTrainer("en", gazetteer, options).Train(data);
        var stackedData = NerTrainer.WithJackknifedFirstPass(training, 4, FirstPass);
        var model = new NerTrainer("en", gazetteer, options with { Auxiliary = FirstPass(training) }).Train(stackedData);

        var memory = model.NewMemory();
        Assert.NotNull(memory);
        var scratch = new NerFeatures.Sentence();
        var labels = new byte[5];
        model.Tag(["Qa999", "is", "a", "person", "."], null, labels, scratch, memory);
        Assert.Equal(NerLabels.Begin(EntityType.Person), labels[0]);
        var second = new byte[3];
        model.Tag(["Qa999", "left", "."], null, second, scratch, memory);
        Assert.Equal(NerLabels.Begin(EntityType.Person), second[0]);

        // The same sentence after a document start where the word was no name: no name either.
        var other = model.NewMemory();
        model.Tag(["Qa999", "is", "the", "title", "."], null, labels, scratch, other);
        Assert.Equal(NerLabels.Outside, labels[0]);
        var otherSecond = new byte[3];
        model.Tag(["Qa999", "left", "."], null, otherSecond, scratch, other);
        Assert.Equal(NerLabels.Outside, otherSecond[0]);
        model.Tag(["Qa999", "is", "a", "person", "."], null, labels, scratch, model.NewMemory());

        var directory = Directory.CreateTempSubdirectory("ner-stack-test");
        try
        {
            var path = Path.Combine(directory.FullName, "stacked.bin");
            model.Save(path);
            var loaded = NerModel.Load(path);
            Assert.Equal(NerFeatureSets.Stacked, loaded.FeatureSet);
            Assert.NotNull(loaded.Auxiliary);
            var loadedMemory = loaded.NewMemory();
            var again = new byte[5];
            loaded.Tag(["Qa999", "is", "a", "person", "."], null, again, scratch, loadedMemory);
            var secondAgain = new byte[3];
            loaded.Tag(["Qa999", "left", "."], null, secondAgain, scratch, loadedMemory);
            Assert.Equal(labels, again);
            Assert.Equal(second, secondAgain);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
