using System.Text.Json;
using Lagebild.Cli;

namespace Lagebild.Tests.Text.LanguageId;

public sealed class LangIdCommandsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "lagebild-langid-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void TrainWritesModelAndMetadataThatEvalReads()
    {
        var data = MakeDataRoot();
        var model = Path.Combine(_root, "model");
        var output = new StringWriter();
        var error = new StringWriter();

        var status = Program.Run(["train", "langid", "--data", data, "--out", model, "--min-count", "1"], output, error);

        Assert.True(status == 0, error.ToString());
        Assert.True(File.Exists(Path.Combine(model, "langid.bin")));
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(model, "training.json")));
        Assert.Contains("train langid", metadata.RootElement.GetProperty("command").GetString(), StringComparison.Ordinal);
        var heldOut = metadata.RootElement.GetProperty("heldOut").GetProperty("byLanguage");
        Assert.True(heldOut.GetProperty("de").GetProperty("total").GetInt32() > 0);

        var evalOutput = new StringWriter();
        status = Program.Run(["eval", "langid", "--data", data, "--model", Path.Combine(model, "langid.bin")], evalOutput, error);
        Assert.True(status == 0, error.ToString());
        Assert.Contains("overall", evalOutput.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TrainWithoutDataIsAUsageError()
    {
        var error = new StringWriter();
        var status = Program.Run(["train", "langid", "--data", Path.Combine(_root, "missing"), "--out", _root], new StringWriter(), error);
        Assert.Equal(2, status);
        Assert.Contains("langid/pud", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A data root in the shared layout, made from the committed fixtures (PUD files of 1,000 lines).</summary>
    private string MakeDataRoot()
    {
        var data = Path.Combine(_root, "data");
        var pud = Directory.CreateDirectory(Path.Combine(data, "langid", "pud")).FullName;
        var training = LangIdFixtures.TinyTraining();
        var heldOut = LangIdFixtures.HeldOut();
        foreach (var language in new[] { "de", "en" })
        {
            // Lines 0-799 train and 800-999 test, as in the real files.
            var lines = training.Where(t => t.Language == language).Select(t => t.Text).ToList();
            while (lines.Count < 800)
            {
                lines.Add("");
            }

            lines.AddRange(heldOut.Where(t => t.Language == language).Select(t => t.Text));
            File.WriteAllLines(Path.Combine(pud, language + ".txt"), lines);
        }

        WriteConllu(Path.Combine(data, "ud", "en_ewt", "en_ewt-ud-train.conllu"), training.Where(t => t.Language == "en").Take(20));
        WriteConllu(Path.Combine(data, "ud", "en_ewt", "en_ewt-ud-dev.conllu"), heldOut.Where(t => t.Language == "en").Take(5));
        WriteConllu(Path.Combine(data, "ud", "de_gsd", "de_gsd-ud-dev.conllu"), training.Where(t => t.Language == "de").Take(20));
        return data;
    }

    private static void WriteConllu(string path, IEnumerable<Lagebild.Text.LanguageId.LabeledText> sentences)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, sentences.SelectMany(s => new[] { "# text = " + s.Text, "1\t_\t_\t_\t_\t_\t_\t_\t_\t_", "" }));
    }
}
