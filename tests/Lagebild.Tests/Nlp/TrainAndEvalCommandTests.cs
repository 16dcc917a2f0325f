using Lagebild.Cli;
using Lagebild.Nlp.Morphology;

namespace Lagebild.Tests.Nlp;

public class TrainAndEvalCommandTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "nlp", name);

    [Fact]
    public void TrainWritesModelAndRecordThatEvalCanScore()
    {
        var directory = Directory.CreateTempSubdirectory("lagebild-train-");
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var status = Program.Run(
                ["train", "tagger", "--lang", "en", "--dev", Fixture("en_ewt-train-sample.conllu"), "--dev-every", "4", "--out", directory.FullName, "--epochs", "2", "--seed", "5"],
                output,
                error);
            Assert.True(status == 0, error.ToString());
            Assert.Contains("epoch 2:", output.ToString(), StringComparison.Ordinal);
            var record = File.ReadAllText(Path.Combine(directory.FullName, "tagger.txt"));
            Assert.Contains("command: lagebild train tagger --lang en", record, StringComparison.Ordinal);
            Assert.Contains("dev.upos = ", record, StringComparison.Ordinal);
            Assert.Contains("train.sentences = 45", record, StringComparison.Ordinal);

            using var evalOutput = new StringWriter();
            status = Program.Run(
                ["eval", "nlp", "--lang", "en", "--model", Path.Combine(directory.FullName, "tagger.bin"), "--every", "4", Fixture("en_ewt-train-sample.conllu")],
                evalOutput,
                error);
            Assert.True(status == 0, error.ToString());
            Assert.Contains("UPOS ", evalOutput.ToString(), StringComparison.Ordinal);
            Assert.Contains("words per CPU second", evalOutput.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void TrainStoresTheWordLexiconOfWordListsWordNetAndTaggedWords()
    {
        var directory = Directory.CreateTempSubdirectory("lagebild-train-lexicon-");
        try
        {
            var common = Path.Combine(directory.FullName, "common.txt");
            var names = Path.Combine(directory.FullName, "names.txt");
            var rare = Path.Combine(directory.FullName, "rare.txt");
            File.WriteAllLines(common, ["the", "committee", "rejected"]);
            File.WriteAllLines(names, ["London"]);
            File.WriteAllLines(rare, ["proposals"]);
            var wordNet = Directory.CreateDirectory(Path.Combine(directory.FullName, "wordnet")).FullName;
            File.WriteAllLines(Path.Combine(wordNet, "index.noun"), ["committee n 1 1 @ 1 1 08324514", "proposal n 2 1 @ 2 2 07162194"]);
            File.WriteAllLines(Path.Combine(wordNet, "index.verb"), ["reject v 7 2 @ ~ 7 5 00798717"]);
            File.WriteAllLines(Path.Combine(wordNet, "index.adj"), []);
            File.WriteAllLines(Path.Combine(wordNet, "index.adv"), ["yesterday r 1 0 1 1 00125589"]);
            File.WriteAllLines(Path.Combine(wordNet, "noun.exc"), []);
            File.WriteAllLines(Path.Combine(wordNet, "verb.exc"), []);
            File.WriteAllLines(Path.Combine(wordNet, "adj.exc"), []);
            var tagged = Path.Combine(directory.FullName, "tagged.tsv");
            File.WriteAllLines(tagged, ["london\tCity", "committee\tSingular"]);
            var output = Path.Combine(directory.FullName, "model");
            using var log = new StringWriter();
            using var error = new StringWriter();
            var status = Program.Run(
                ["train", "tagger", "--lang", "en", "--dev", Fixture("en_ewt-train-sample.conllu"), "--dev-every", "4", "--out", output, "--epochs", "1",
                 "--word-classes", $"{common},{names}", rare, "--wordnet", wordNet, "--lexicon-pos", tagged],
                log,
                error);
            Assert.True(status == 0, error.ToString());
            var record = File.ReadAllText(Path.Combine(output, "tagger.txt"));
            Assert.Contains("--word-classes", record, StringComparison.Ordinal);
            // the, committee, rejected, london, proposals, proposal, reject, yesterday
            Assert.Contains("word.lexicon = 8 words (5 with frequency classes, 6 with dictionary parts of speech)", record, StringComparison.Ordinal);
            Assert.Contains("word lexicon of 8 words", MorphTagger.Load(Path.Combine(output, "tagger.bin")).Describe(), StringComparison.Ordinal);

            File.Delete(Path.Combine(wordNet, "adj.exc"));
            status = Program.Run(["train", "tagger", "--lang", "en", "--train", Fixture("en_ewt-train-sample.conllu"), "--out", output, "--wordnet", wordNet], log, error);
            Assert.Equal(2, status);
            Assert.Contains("adj.exc' not found", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void TrainWithoutDataIsAUsageError()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var status = Program.Run(["train", "tagger", "--lang", "en", "--out", Path.GetTempPath()], output, error);
        Assert.Equal(2, status);
        Assert.Contains("no training sentences", error.ToString(), StringComparison.Ordinal);
    }
}
