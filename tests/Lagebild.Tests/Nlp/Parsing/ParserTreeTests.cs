using Lagebild.Nlp.Conllu;
using Lagebild.Nlp.Morphology;
using Lagebild.Nlp.Parsing;

namespace Lagebild.Tests.Nlp.Parsing;

/// <summary>Whatever the input, the shipped parsers return a tree: one word under the root, no cycles, heads in range.</summary>
public class ParserTreeTests(ShippedParsers parsers) : IClassFixture<ShippedParsers>
{
    private static readonly string[] Tags = ["NOUN", "VERB", "ADP", "DET", "PUNCT", "PROPN", "ADJ", "PRON", "AUX", "X"];

    public static TheoryData<string, int, int> Inputs()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var language in new[] { "de", "en" })
        {
            foreach (var length in new[] { 1, 2, 3, 7, 40, 500 })
            {
                data.Add(language, length, length * 31);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void RandomSentencesGetTrees(string language, int length, int seed)
    {
        var random = new Random(seed);
        var forms = new string[length];
        var morphology = new MorphAnalysis[length];
        for (var i = 0; i < length; i++)
        {
            var chars = new char[random.Next(1, 12)];
            for (var c = 0; c < chars.Length; c++)
            {
                chars[c] = (char)random.Next(33, 0x24F);
            }

            forms[i] = new string(chars);
            var tag = Tags[random.Next(Tags.Length)];
            morphology[i] = new MorphAnalysis(tag, random.Next(2) == 0 ? "_" : tag, random.Next(2) == 0 ? "_" : "Case=Nom", forms[i], forms[i]);
        }

        AssertTree(parsers.For(language).Parse(forms, morphology), parsers.For(language));
    }

    [Theory]
    [InlineData("de")]
    [InlineData("en")]
    public void EmptySentenceGetsNoArcs(string language) => Assert.Empty(parsers.For(language).Parse([], []));

    [Theory]
    [InlineData("de")]
    [InlineData("en")]
    public void RealSentencesGetTrees(string language)
    {
        var sample = language == "de" ? "de_gsd-dev-heldout.conllu" : "en_ewt-dev-sample.conllu";
        foreach (var sentence in ConlluReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "Fixtures", "nlp", sample)).Take(50))
        {
            AssertTree(parsers.For(language).Parse(sentence.Forms(), ParserEvaluation.GoldMorphology(sentence)), parsers.For(language));
        }
    }

    internal static void AssertTree(DependencyArc[] arcs, DependencyParser parser)
    {
        Assert.Single(arcs, arc => arc.Head == 0);
        for (var i = 0; i < arcs.Length; i++)
        {
            Assert.InRange(arcs[i].Head, 0, arcs.Length);
            Assert.NotEqual(i + 1, arcs[i].Head);
            Assert.Contains(arcs[i].Relation, parser.Labels);
            var word = i + 1;
            for (var steps = 0; word != 0; steps++)
            {
                Assert.True(steps <= arcs.Length, "cycle");
                word = arcs[word - 1].Head;
            }
        }

        Assert.Equal("root", arcs.Single(arc => arc.Head == 0).Relation);
    }
}
