using Lagebild.Cli;
using Lagebild.Nlp.Conllu;
using Lagebild.Nlp.Morphology;

namespace Lagebild.Tests.Nlp;

/// <summary>Jackknifed training tags on the small committed EWT fixture (60 sentences).</summary>
public class JackknifeTaggingTests
{
    private static string Fixture => Path.Combine(AppContext.BaseDirectory, "Fixtures", "nlp", "en_ewt-train-sample.conllu");

    private static readonly MorphTrainingOptions Options = new() { Language = "en", Epochs = 2, Seed = 4 };

    private static string Tags(ConlluSentence sentence) =>
        string.Join(' ', sentence.Words.Select(w => $"{w.Upos}/{w.Xpos}/{w.Feats}/{w.Lemma}"));

    private static string Tree(ConlluSentence sentence) =>
        string.Join(' ', sentence.Words.Select(w => $"{w.Id}:{w.Form}:{w.Head}:{w.Deprel}:{w.Misc}")) + string.Join('\n', sentence.Comments);

    [Fact]
    public void EachFoldIsTaggedByATaggerTrainedOnTheOtherFolds()
    {
        var gold = ConlluReader.ReadFile(Fixture);
        var jackknifed = ConlluReader.ReadFile(Fixture);
        var lines = JackknifeTagging.Retag(jackknifed, 3, Options);
        Assert.Equal(3, lines.Count);
        Assert.StartsWith("jackknife fold 2/3: tagger on 40 sentences tags 20 unseen ones", lines[1], StringComparison.Ordinal);

        // Fold 2 (sentences 1, 4, 7, ...) must carry exactly the tags of a tagger that saw only the other sentences.
        var foldTagger = MorphTrainer.Train([.. gold.Where((_, i) => i % 3 != 1)], null, Options);
        var expected = ConlluReader.ReadFile(Fixture).Where((_, i) => i % 3 == 1).ToList();
        JackknifeTagging.Retag(foldTagger, expected);
        Assert.Equal(expected.Select(Tags), jackknifed.Where((_, i) => i % 3 == 1).Select(Tags));

        // Trees, forms, comments and MISC stay gold; the tags are those of unseen text, so worse than the gold tags.
        Assert.Equal(gold.Select(Tree), jackknifed.Select(Tree));
        var changed = gold.Zip(jackknifed).Sum(pair => pair.First.Words.Zip(pair.Second.Words).Count(w => w.First.Upos != w.Second.Upos));
        Assert.InRange(changed, 1, gold.Sum(s => s.Words.Count) / 4);

        // A tagger that saw every sentence tags them better than the jackknifed taggers did.
        var seenAll = MorphTrainer.Train(gold, null, Options);
        var selfTagged = ConlluReader.ReadFile(Fixture);
        JackknifeTagging.Retag(seenAll, selfTagged);
        var selfChanged = gold.Zip(selfTagged).Sum(pair => pair.First.Words.Zip(pair.Second.Words).Count(w => w.First.Upos != w.Second.Upos));
        Assert.True(selfChanged < changed, $"self-tagged UPOS errors {selfChanged}, jackknifed {changed}");
    }

    [Fact]
    public void TrainParserWritesTheSameJackknifedFileEveryTimeAndTrainsOnACopyPerFoldCount()
    {
        var directory = Directory.CreateTempSubdirectory("lagebild-jackknife-");
        try
        {
            var files = new List<string>();
            for (var run = 0; run < 2; run++)
            {
                var jackknifed = Path.Combine(directory.FullName, $"train-{run}.conllu");
                using var output = new StringWriter();
                using var error = new StringWriter();
                // The second run adds a copy tagged by 2-fold jackknifing; the file holds the copy of the first K.
                string[] foldCounts = run == 0 ? ["3"] : ["3", "2"];
                var status = Program.Run(
                    ["train", "parser", "--lang", "en", "--train", Fixture, "--out", Path.Combine(directory.FullName, $"model-{run}"), "--epochs", "1",
                        "--jackknife", .. foldCounts, "--jackknife-epochs", "2", "--jackknife-out", jackknifed],
                    output,
                    error);
                Assert.True(status == 0, error.ToString());
                Assert.Contains("jackknife fold 3/3", output.ToString(), StringComparison.Ordinal);
                var record = File.ReadAllText(Path.Combine(directory.FullName, $"model-{run}", "parser.txt"));
                Assert.Contains($"train.tags = jackknifed, one copy per fold count {string.Join(", ", foldCounts)}\n", record.ReplaceLineEndings("\n"), StringComparison.Ordinal);
                Assert.Contains("# jackknife fold 1/3: tagger on 40 sentences", record, StringComparison.Ordinal);
                Assert.Contains($"train.sentences = {60 * foldCounts.Length}\n", record.ReplaceLineEndings("\n"), StringComparison.Ordinal);
                Assert.Equal(run == 1, record.Contains("# jackknife fold 2/2: tagger on 30 sentences tags 30 unseen ones", StringComparison.Ordinal));
                files.Add(File.ReadAllText(jackknifed));
            }

            Assert.Equal(files[0], files[1]);
            var gold = ConlluReader.ReadFile(Fixture);
            var written = ConlluReader.ReadFile(Path.Combine(directory.FullName, "train-0.conllu"));
            Assert.Equal(gold.Select(Tree), written.Select(Tree));
            Assert.NotEqual(gold.Select(Tags), written.Select(Tags));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void PartialFilesAreFoldedAfterTheTrainingFileAndGoldCopiesAreAdded()
    {
        var directory = Directory.CreateTempSubdirectory("lagebild-jackknife-");
        try
        {
            var partial = Path.Combine(AppContext.BaseDirectory, "Fixtures", "nlp", "en_ewt-dev-sample.conllu");
            var jackknifed = Path.Combine(directory.FullName, "train.conllu");
            using var output = new StringWriter();
            using var error = new StringWriter();
            var status = Program.Run(
                ["train", "parser", "--lang", "en", "--train", Fixture, "--jackknife-partial", partial, "--out", directory.FullName, "--epochs", "1",
                    "--jackknife", "3", "--jackknife-epochs", "1", "--jackknife-with-gold", "--jackknife-out", jackknifed],
                output,
                error);
            Assert.True(status == 0, error.ToString());

            // 60 training sentences (indexes 0-59) and 200 partial ones (indexes 60-259): fold 1 holds index 0, 3, ...
            var heldOut = Enumerable.Range(0, 260).Count(i => i % 3 == 0);
            var record = File.ReadAllText(Path.Combine(directory.FullName, "parser.txt"));
            Assert.Contains($"# jackknife fold 1/3: tagger on {260 - heldOut} sentences tags {heldOut} unseen ones", record, StringComparison.Ordinal);
            Assert.Contains("train.tags = jackknifed, one copy per fold count 3, and one with gold tags", record, StringComparison.Ordinal);
            Assert.Contains("train.sentences = 320", record, StringComparison.Ordinal);

            // The written file holds the jackknifed sentences only: training file first, then the partial one.
            var written = ConlluReader.ReadFile(jackknifed);
            var expected = ConlluReader.ReadFile(Fixture).Concat(ConlluReader.ReadFile(partial)).ToList();
            Assert.Equal(expected.Select(Tree), written.Select(Tree));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void OneFoldIsAUsageError()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var status = Program.Run(["train", "parser", "--lang", "en", "--train", Fixture, "--out", Path.GetTempPath(), "--jackknife", "1"], output, error);
        Assert.Equal(2, status);
        Assert.Contains("--jackknife at least 2", error.ToString(), StringComparison.Ordinal);

        using var noFolds = new StringWriter();
        status = Program.Run(["train", "parser", "--lang", "en", "--train", Fixture, "--out", Path.GetTempPath(), "--jackknife-with-gold"], output, noFolds);
        Assert.Equal(2, status);
        Assert.Contains("need --jackknife", noFolds.ToString(), StringComparison.Ordinal);
    }
}
