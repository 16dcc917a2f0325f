using Lagebild.Cli;

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
    public void TrainWithoutDataIsAUsageError()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var status = Program.Run(["train", "tagger", "--lang", "en", "--out", Path.GetTempPath()], output, error);
        Assert.Equal(2, status);
        Assert.Contains("no training sentences", error.ToString(), StringComparison.Ordinal);
    }
}
