using Lagebild.Cli;
using Lagebild.Nlp.Conllu;

namespace Lagebild.Tests.Nlp;

public class NlpCommandTests
{
    [Fact]
    public void ConlluIsAnnotatedOnItsOwnWords()
    {
        const string input =
            "# sent_id = a\n" +
            "# text = Er ging zum Markt.\n" +
            "1\tEr\t_\t_\t_\t_\t_\t_\t_\t_\n" +
            "2\tging\t_\t_\t_\t_\t_\t_\t_\t_\n" +
            "3-4\tzum\t_\t_\t_\t_\t_\t_\t_\t_\n" +
            "3\tzu\t_\t_\t_\t_\t_\t_\t_\t_\n" +
            "4\tdem\t_\t_\t_\t_\t_\t_\t_\t_\n" +
            "5\tMarkt\tX\tX\tX\tX\t4\tnsubj\t_\tSpaceAfter=No\n" +
            "6\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, input);
            using var output = new StringWriter();
            using var error = new StringWriter();
            var status = Program.Run(["nlp", "--lang", "de", "--format", "conllu", path], output, error);
            Assert.True(status == 0, error.ToString());
            var text = output.ToString();
            Assert.Contains("# text = Er ging zum Markt.", text, StringComparison.Ordinal);
            Assert.Contains("3-4\tzum\t", text, StringComparison.Ordinal);
            var sentence = Assert.Single(ConlluReader.Parse(text));
            Assert.Equal(["Er", "ging", "zu", "dem", "Markt", "."], sentence.Forms());
            Assert.Equal("NOUN", sentence.Words[4].Upos);
            Assert.InRange(int.Parse(sentence.Words[4].Head, System.Globalization.CultureInfo.InvariantCulture), 0, 6);
            Assert.NotEqual("_", sentence.Words[4].Deprel);
            Assert.Equal("SpaceAfter=No", sentence.Words[4].Misc);
            Assert.Equal("gehen", sentence.Words[1].Lemma);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void MissingModelIsAUsageError()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var status = Program.Run(["nlp", "--lang", "xx", "-"], output, error);
        Assert.Equal(2, status);
        Assert.Contains("no morphology model", error.ToString(), StringComparison.Ordinal);
    }
}
