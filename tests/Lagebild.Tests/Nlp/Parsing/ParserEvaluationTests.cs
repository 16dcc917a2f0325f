using Lagebild.Nlp.Conllu;
using Lagebild.Nlp.Parsing;

namespace Lagebild.Tests.Nlp.Parsing;

public class ParserEvaluationTests
{
    private static ConlluSentence Gold()
    {
        var sentence = new ConlluSentence();
        string[][] rows = [["They", "2", "nsubj:pass"], ["were", "0", "root"], ["told", "2", "xcomp"], [".", "2", "punct"]];
        for (var i = 0; i < rows.Length; i++)
        {
            sentence.Words.Add(new ConlluWord(i + 1, rows[i][0]) { Head = rows[i][1], Deprel = rows[i][2] });
        }

        return sentence;
    }

    [Fact]
    public void LasComparesTheUniversalRelationAndCountsPunctuation()
    {
        DependencyArc[] predicted = [new(2, "nsubj"), new(0, "root"), new(2, "obj"), new(3, "punct")];
        var scores = ParserEvaluation.Score([Gold()], [predicted]);
        Assert.Equal(4, scores.Words);
        Assert.Equal(75.0, scores.Uas);
        Assert.Equal(50.0, scores.Las);
        Assert.Equal(25.0, scores.LabelledFull);
    }
}
