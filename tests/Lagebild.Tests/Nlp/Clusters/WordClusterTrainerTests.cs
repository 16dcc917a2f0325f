using System.Text;
using Lagebild.Nlp.Clusters;
using Lagebild.Text.Segmentation;

namespace Lagebild.Tests.Nlp.Clusters;

public sealed class WordClusterTrainerTests
{
    internal static readonly string[] Cities = ["Oslo", "Lyon", "Graz", "Porto", "Leeds", "Turku", "Brno", "Gent"];
    internal static readonly string[] People = ["Berg", "Hansen", "Novak", "Moreau", "Keller", "Brandt", "Okafor", "Lindqvist"];
    internal static readonly string[] Months = ["Januar", "März", "Mai", "Juli", "Oktober", "Dezember"];

    /// <summary>Unlabelled sentences: cities, people and months each appear in contexts of their own, in several phrasings.</summary>
    internal static List<string[]> Corpus()
    {
        var sentences = new List<string[]>();
        for (var i = 0; i < 48; i++)
        {
            var city = Cities[i % Cities.Length];
            var person = People[(i * 3) % People.Length];
            var month = Months[(i * 5) % Months.Length];
            sentences.Add(["Wir", "wohnen", "in", city, "."]);
            sentences.Add(["Der", "Zug", "fährt", "nach", city, "."]);
            sentences.Add(["Herr", person, "sagte", ",", "es", "regne", "."]);
            sentences.Add(["Frau", person, "meinte", "das", "auch", "."]);
            sentences.Add(["Im", month, "ist", "es", "kalt", "."]);
            sentences.Add(["Seit", month, "regnet", "es", "."]);
        }

        return sentences;
    }

    private static string LongestCommonPrefix(IEnumerable<string> paths) =>
        paths.Aggregate((a, b) => a[..a.Zip(b).TakeWhile(p => p.First == p.Second).Count()]);

    [Fact]
    public void WordsInTheSameContextsEndInTheSameClusterAndOthersDoNot()
    {
        var clusters = new WordClusterTrainer(new WordClusterOptions { MaxDepth = 8 }).Train(Corpus());
        string PathOf(string word)
        {
            var entry = clusters.Find(word);
            Assert.NotNull(entry);
            return WordClusters.PathText(entry.Value.Path, entry.Value.Depth);
        }

        var groups = new[] { Cities, People, Months };
        foreach (var group in groups)
        {
            // The group's common prefix is a subtree that holds no word of another group.
            var prefix = LongestCommonPrefix(group.Select(PathOf));
            Assert.NotEmpty(prefix);
            foreach (var other in groups.Where(g => g != group).SelectMany(g => g))
            {
                Assert.False(PathOf(other).StartsWith(prefix, StringComparison.Ordinal), $"{other} ({PathOf(other)}) falls under the prefix {prefix} of {group[0]}");
            }
        }
    }

    [Fact]
    public void TrainingIsDeterministicAndIndependentOfSentenceOrder()
    {
        var corpus = Corpus();
        var options = new WordClusterOptions { MaxDepth = 6 };
        var first = new WordClusterTrainer(options).Train(corpus);
        var reversed = new WordClusterTrainer(options).Train(Enumerable.Reverse(corpus));
        Assert.Equal(first.Entries, reversed.Entries);
    }

    [Fact]
    public void RareWordsGetNoClusterAndTheDepthIsBounded()
    {
        var corpus = Corpus();
        corpus.Add(["Einmal", "Xylofon", "."]);
        var clusters = new WordClusterTrainer(new WordClusterOptions { MinCount = 2, MaxDepth = 3 }).Train(corpus);
        Assert.Null(clusters.Find("Xylofon"));
        Assert.NotNull(clusters.Find("OSLO"));
        Assert.All(clusters.Entries, e => Assert.InRange(e.Depth, 1, 3));
        Assert.Equal((6 * 48) + 1, clusters.Entries.Single(e => e.Word == ".").Count);
        Assert.Equal(".", clusters.Entries[0].Word); // most frequent first
    }

    [Fact]
    public void NormalisesCaseAndDigits()
    {
        Assert.Equal("g00-gipfel", WordClusters.Normalize("G20-Gipfel"));
        Assert.Equal("straße", WordClusters.Normalize("STRAßE"));
    }

    [Fact]
    public void SavesAndLoadsTheFileFormat()
    {
        var clusters = new WordClusterTrainer(new WordClusterOptions { MaxDepth = 8 }).Train(Corpus());
        var directory = Directory.CreateTempSubdirectory("clusters");
        try
        {
            var path = Path.Combine(directory.FullName, "clusters.txt");
            clusters.Save(path);
            var first = File.ReadLines(path).First().Split('\t');
            Assert.Equal(3, first.Length);
            Assert.Matches("^[01]+$", first[0]);
            var loaded = WordClusters.Load(path, out var error);
            Assert.Null(error);
            Assert.Equal(clusters.Entries, loaded!.Entries);

            File.WriteAllText(path, "0101\tgut\t3\n01x\tschlecht\t1\n");
            Assert.Null(WordClusters.Load(path, out error));
            Assert.Contains(":2:", error, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void CorpusReaderTakesTokensFromEachFileKind()
    {
        var directory = Directory.CreateTempSubdirectory("cluster-corpus");
        try
        {
            string Write(string name, string text)
            {
                var path = Path.Combine(directory.FullName, name);
                File.WriteAllText(path, text, Encoding.UTF8);
                return path;
            }

            var tokenizer = new Tokenizer(SegmentationProfile.Neutral);
            var conllu = Write("a.conllu", "# sent_id = 1\n1\tDer\tder\tDET\t_\t_\t2\tdet\t_\t_\n2\tHund\tHund\tNOUN\t_\t_\t0\troot\t_\t_\n\n");
            Assert.Equal([["Der", "Hund"]], ClusterCorpus.Read(conllu, tokenizer));

            var json = Write("b.json", "{\"Sentences\":[{\"SentenceId\":0,\"Tokens\":[\"Frau\",\"Präsidentin\",\"!\"]}],\"Annotations\":[]}");
            Assert.Equal([["Frau", "Präsidentin", "!"]], ClusterCorpus.Read(json, tokenizer));

            var text = Write("c.txt", "<DOC>\nDie Katze schläft.\n\n");
            Assert.Equal([["Die", "Katze", "schläft", "."]], ClusterCorpus.Read(text, tokenizer));

            var columns = Write("d.tsv", "1\tEins\tO\tO\n\n1\tZwei\tO\tO\n\n1\tDrei\tB-LOC\tO\n\n1\tVier\tO\tO\n");
            Assert.Equal(4, ClusterCorpus.Read(columns, tokenizer).Count());
            // Every second sentence held out: the first and third stay.
            Assert.Equal([["Eins"], ["Drei"]], ClusterCorpus.Read(columns, tokenizer, holdOutEvery: 2));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
