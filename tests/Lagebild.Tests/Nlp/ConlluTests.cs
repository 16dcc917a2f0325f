using Lagebild.Nlp.Conllu;

namespace Lagebild.Tests.Nlp;

public class ConlluTests
{
    private const string Sample =
        "# sent_id = t1\n" +
        "# text = Er ging zum Markt.\n" +
        "1\tEr\ter\tPRON\tPPER\tCase=Nom\t2\tnsubj\t_\t_\n" +
        "2\tging\tgehen\tVERB\tVVFIN\t_\t0\troot\t_\t_\n" +
        "3-4\tzum\t_\t_\t_\t_\t_\t_\t_\t_\n" +
        "3\tzu\tzu\tADP\tAPPR\t_\t5\tcase\t_\t_\n" +
        "4\tdem\tder\tDET\tART\t_\t5\tdet\t_\t_\n" +
        "5\tMarkt\tMarkt\tNOUN\tNN\t_\t2\tobl\t_\tSpaceAfter=No\n" +
        "5.1\tging\tgehen\tVERB\tVVFIN\t_\t_\t_\t2:conj\tCopyOf=2\n" +
        "6\t.\t.\tPUNCT\t$.\t_\t2\tpunct\t_\t_\n" +
        "\n" +
        "# sent_id = t2\n" +
        "1\tJa\tja\tINTJ\tITJ\t_\t0\troot\t_\t_\n" +
        "\n";

    [Fact]
    public void RoundTripKeepsCommentsMultiWordTokensAndEmptyNodes()
    {
        var sentences = ConlluReader.Parse(Sample);
        Assert.Equal(2, sentences.Count);
        Assert.Equal(6, sentences[0].Words.Count);
        Assert.Single(sentences[0].MultiWordTokens);
        Assert.Single(sentences[0].EmptyNodes);
        Assert.Equal("Er ging zum Markt.", sentences[0].GetComment("text"));
        Assert.Equal(Sample, ConlluWriter.ToText(sentences));
    }

    [Fact]
    public void SurfaceTokensCountAMultiWordTokenOnceAndLeaveOutEmptyNodes()
    {
        var sentence = ConlluReader.Parse(Sample)[0];
        Assert.Equal(
            [new("Er", true), new("ging", true), new("zum", true), new("Markt", false), new(".", true)],
            sentence.SurfaceTokens());
        Assert.Equal(["Er", "ging", "zu", "dem", "Markt", "."], sentence.Forms());
    }

    [Fact]
    public void DocumentAndParagraphStartsComeFromTheirComments()
    {
        var sentences = ConlluReader.Parse("# newdoc id = d1\n# newpar\n1\ta\t_\t_\t_\t_\t_\t_\t_\t_\n\n# newpar id = p2\n1\tb\t_\t_\t_\t_\t_\t_\t_\t_\n\n1\tc\t_\t_\t_\t_\t_\t_\t_\t_\n\n");
        Assert.Equal([true, false, false], sentences.Select(s => s.StartsDocument));
        Assert.Equal([true, true, false], sentences.Select(s => s.StartsParagraph));
    }

    [Fact]
    public void DeepCopyLeavesTheOriginalAsItWas()
    {
        var sentence = ConlluReader.Parse(Sample)[0];
        var copy = sentence.DeepCopy();
        copy.Words[0].Upos = "X";
        copy.Comments.Clear();
        Assert.Equal("PRON", sentence.Words[0].Upos);
        Assert.Equal("t1", sentence.GetComment("sent_id"));
        Assert.Equal(ConlluWriter.ToText([sentence]), ConlluWriter.ToText([ConlluReader.Parse(Sample)[0].DeepCopy()]));
    }

    [Fact]
    public void ClearingAnnotationKeepsFormAndMisc()
    {
        var word = ConlluReader.Parse(Sample)[0].Words[4];
        word.ClearAnnotation();
        Assert.Equal("Markt", word.Form);
        Assert.Equal("SpaceAfter=No", word.Misc);
        Assert.Equal("_", word.Upos);
        Assert.Equal("_", word.Head);
    }

    [Theory]
    [InlineData("1\tEr\ter\n")]
    [InlineData("2\tEr\ter\tPRON\tPPER\t_\t0\troot\t_\t_\n")]
    [InlineData("3-1\tzum\t_\t_\t_\t_\t_\t_\t_\t_\n")]
    public void MalformedLinesAreReportedWithTheirLineNumber(string text)
    {
        var exception = Assert.Throws<FormatException>(() => ConlluReader.Parse("# c\n" + text));
        Assert.Contains("line 2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CarriageReturnsAndMissingFinalBlankLineAreAccepted()
    {
        var sentences = ConlluReader.Parse("1\tJa\tja\tINTJ\tITJ\t_\t0\troot\t_\t_\r\n\r\n1\tNein\tnein\tINTJ\tITJ\t_\t0\troot\t_\t_");
        Assert.Equal(2, sentences.Count);
        Assert.Equal("Nein", sentences[1].Words[0].Form);
        Assert.Equal("_", sentences[1].Words[0].Misc);
    }
}
