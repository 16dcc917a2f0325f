using Lagebild.Nlp.Conllu;
using Lagebild.Nlp.Morphology;

namespace Lagebild.Tests.Nlp;

public class SeparableVerbJoinerTests
{
    private static readonly SeparableVerbJoiner Joiner =
        SeparableVerbJoiner.Load(DataDirectory.Default().Resolve("de", "separable-verbs.txt")) ?? throw new InvalidOperationException("missing data/de/separable-verbs.txt");

    private static MorphAnalysis A(string xpos, string lemma) => new("X", xpos, "_", lemma, lemma);

    [Fact]
    public void ParserPairsWinOverTheHeuristic()
    {
        MorphAnalysis[] analyses = [A("PPER", "er"), A("VVFIN", "fangen"), A("ADV", "gleich"), A("PTKVZ", "an")];
        SeparableVerbJoiner.Join(analyses, [(1, 3)]);
        Assert.Equal("anfangen", analyses[1].FullLemma);
        Assert.Equal("fangen", analyses[1].Lemma);
        Assert.Equal("an", analyses[3].FullLemma);
    }

    [Fact]
    public void HeuristicSkipsTheVerbThatClosesASubordinateClause()
    {
        string[] forms = ["Er", "sprach", "die", "Warnung", ",", "die", "er", "kannte", ",", "aus", "."];
        MorphAnalysis[] analyses =
        [
            A("PPER", "er"), A("VVFIN", "sprechen"), A("ART", "der"), A("NN", "Warnung"), A("$,", ","), A("PRELS", "der"),
            A("PPER", "er"), A("VVFIN", "kennen"), A("$,", ","), A("PTKVZ", "aus"), A("$.", "."),
        ];
        Joiner.Join(forms, analyses);
        Assert.Equal("aussprechen", analyses[1].FullLemma);
        Assert.Equal("kennen", analyses[7].FullLemma);
    }

    [Fact]
    public void HeuristicStopsAtTheClauseEnd()
    {
        string[] forms = ["Er", "kam", ".", "Dann", "aus", "."];
        MorphAnalysis[] analyses = [A("PPER", "er"), A("VVFIN", "kommen"), A("$.", "."), A("ADV", "dann"), A("PTKVZ", "aus"), A("$.", ".")];
        Joiner.Join(forms, analyses);
        Assert.Equal("kommen", analyses[1].FullLemma);
    }

    /// <summary>On gold tags of the held-out GSD sentences, the heuristic finds the verb the treebank attaches the particle to.</summary>
    [Fact]
    public void HeuristicAgreesWithGoldParticleAttachment()
    {
        var gold = ConlluReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "Fixtures", "nlp", "de_gsd-dev-heldout.conllu"));
        int total = 0, found = 0;
        foreach (var sentence in gold)
        {
            var analyses = sentence.Words.Select(w => new MorphAnalysis(w.Upos, w.Xpos, w.Feats, w.Lemma, w.Lemma)).ToArray();
            var pairs = Joiner.FindPairs(sentence.Forms(), analyses);
            foreach (var word in sentence.Words)
            {
                if (word.Xpos == "PTKVZ" && word.Deprel == "compound:prt")
                {
                    total++;
                    found += pairs.Contains((int.Parse(word.Head, System.Globalization.CultureInfo.InvariantCulture) - 1, word.Id - 1)) ? 1 : 0;
                }
            }
        }

        Assert.True(total >= 10, $"only {total} particles in the sample");
        Assert.True(found >= 0.8 * total, $"{found} of {total} particles paired with their gold verb");
    }
}
