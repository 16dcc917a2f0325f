using Lagebild.Nlp.Clusters;
using Lagebild.Nlp.Entities;
using Lagebild.Tests.Nlp.Clusters;

namespace Lagebild.Tests.Nlp.Entities;

public sealed class NerTrainerTests
{
    private static readonly string[] Given = ["Anna", "Peter", "Maria", "Jonas", "Lena", "Tobias", "Clara", "Felix"];
    private static readonly string[] Family = ["Berg", "Hansen", "Novak", "Lindqvist", "Moreau", "Keller", "Brandt", "Okafor"];
    private static readonly string[] Cities = ["Oslo", "Lyon", "Graz", "Porto", "Leeds", "Turku", "Brno", "Gent"];
    private static readonly string[] Companies = ["Nordwerk", "Altavia", "Kestrel", "Brightline", "Solberg", "Vantix", "Heliox", "Morrow"];

    /// <summary>Synthetic sentences: a person works for a company in a city, in a few phrasings.</summary>
    private static List<NerSentence> Corpus(int offset, int count)
    {
        var mapping = new NerTagMapping();
        var sentences = new List<NerSentence>();
        for (var i = 0; i < count; i++)
        {
            var n = i + offset;
            var person = new[] { (Given[n % 8], "B-PER"), (Family[(n * 3) % 8], "I-PER") };
            var company = (Companies[(n * 5) % 8] + (n % 3 == 0 ? "" : " Group"), "ORG");
            var city = (Cities[(n * 7) % 8], "B-LOC");
            var words = new List<(string Word, string Tag)>();
            switch (n % 3)
            {
                case 0:
                    words.AddRange(person);
                    words.AddRange([("works", "O"), ("for", "O")]);
                    AddCompany(words, company.Item1);
                    words.AddRange([("in", "O"), city, (".", "O")]);
                    break;
                case 1:
                    words.AddRange([("In", "O"), city, (",", "O")]);
                    words.AddRange(person);
                    words.AddRange([("joined", "O")]);
                    AddCompany(words, company.Item1);
                    words.Add((".", "O"));
                    break;
                default:
                    words.AddRange([("Yesterday", "O")]);
                    AddCompany(words, company.Item1);
                    words.AddRange([("hired", "O")]);
                    words.AddRange(person);
                    words.AddRange([("from", "O"), city, (".", "O")]);
                    break;
            }

            sentences.Add(new NerSentence([.. words.Select(w => w.Word)], [.. words.Select(w => mapping.Map(w.Tag))]));
        }

        return sentences;

        static void AddCompany(List<(string, string)> words, string name)
        {
            var parts = name.Split(' ');
            for (var p = 0; p < parts.Length; p++)
            {
                words.Add((parts[p], p == 0 ? "B-ORG" : "I-ORG"));
            }
        }
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(20f)]
    public void TrainingOnATinyCorpusConvergesAndGeneralises(float margin)
    {
        var training = Corpus(0, 48);
        var heldOut = Corpus(1000, 24);
        var epochs = new List<double>();
        var model = new NerTrainer("en", new NerGazetteer(), new NerTrainingOptions { Epochs = 6, HashBits = 16, Seed = 7, Margin = margin })
            .Train(training, (_, averaged) => epochs.Add(NerEvaluation.Run(averaged, training).Overall.F1));
        Assert.Equal(6, epochs.Count);
        Assert.True(epochs[^1] >= 0.99, $"training F1 {epochs[^1]:F3}");
        var heldOutF1 = NerEvaluation.Run(model, heldOut).Overall.F1;
        Assert.True(heldOutF1 >= 0.9, $"held-out F1 {heldOutF1:F3}");
    }

    [Fact]
    public void TrainingIsDeterministicAndSurvivesSaveAndLoad()
    {
        var training = Corpus(0, 30);
        var options = new NerTrainingOptions { Epochs = 3, HashBits = 14, Seed = 3 };
        var first = new NerTrainer("en", new NerGazetteer(), options).Train(training);
        var second = new NerTrainer("en", new NerGazetteer(), options).Train(training);
        var directory = Directory.CreateTempSubdirectory("ner-test");
        try
        {
            var a = Path.Combine(directory.FullName, "a.bin");
            var b = Path.Combine(directory.FullName, "b.bin");
            first.Save(a);
            second.Save(b);
            Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
            var loaded = NerModel.Load(a);
            foreach (var sentence in training)
            {
                Assert.Equal(first.Tag(sentence.Tokens), loaded.Tag(sentence.Tokens));
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Lower-cased sentences where only the part of speech tells a name ("PROPN") from the same word used otherwise:
    /// a model that reads tags learns it, one without cannot.
    /// </summary>
    [Fact]
    public void PartOfSpeechFeaturesAreReadFromTheTags()
    {
        var mapping = new NerTagMapping();
        var words = new[] { "rose", "grace", "hope", "faith", "joy", "dawn", "summer", "iris" };
        List<NerSentence> Make(int offset, int count)
        {
            var sentences = new List<NerSentence>();
            for (var i = 0; i < count; i++)
            {
                var word = words[(i + offset) % words.Length];
                var name = (i + offset) / words.Length % 2 == 0;
                sentences.Add(new NerSentence(["i", "saw", word, "today"], [.. new[] { "O", "O", name ? "B-PER" : "O", "O" }.Select(mapping.Map)])
                {
                    Tags = new NerTags(["PRON", "VERB", name ? "PROPN" : "NOUN", "NOUN"], ["PRP", "VBD", name ? "NNP" : "NN", "NN"]),
                });
            }

            return sentences;
        }

        var training = Make(0, 64);
        var heldOut = Make(1, 16);
        var withTags = new NerTrainer("en", new NerGazetteer(), new NerTrainingOptions { Epochs = 4, HashBits = 14, PartOfSpeech = true }).Train(training);
        var withoutTags = new NerTrainer("en", new NerGazetteer(), new NerTrainingOptions { Epochs = 4, HashBits = 14 }).Train(training);
        Assert.True(withTags.UsesPartOfSpeech);
        Assert.Equal(1.0, NerEvaluation.Run(withTags, heldOut).Overall.F1);
        Assert.True(NerEvaluation.Run(withoutTags, heldOut).Overall.F1 < 0.8);

        // Without tags the model still decodes valid sequences (tags count as unknown).
        var labels = withTags.Tag(["i", "saw", "rose", "today"]);
        Assert.Equal(4, labels.Length);
    }

    [Fact]
    public void DownWeightedSentencesCountLess()
    {
        var mapping = new NerTagMapping();
        var gold = Enumerable.Range(0, 20).Select(_ => new NerSentence(["Kestrel", "rose", "."], [mapping.Map("B-ORG"), 0, 0])).ToList();
        var silver = Enumerable.Range(0, 20).Select(_ => new NerSentence(["Kestrel", "rose", "."], [mapping.Map("B-PER"), 0, 0]) { Weight = 0.1f });
        var model = new NerTrainer("en", new NerGazetteer(), new NerTrainingOptions { Epochs = 3, HashBits = 12 }).Train([.. gold, .. silver]);
        Assert.Equal(mapping.Map("B-ORG"), model.Tag(["Kestrel", "rose", "."])[0]);
    }

    [Fact]
    public void AveragingModelsOfSeveralSeedsGivesOneWorkingModel()
    {
        var training = Corpus(0, 36);
        var gazetteer = new NerGazetteer();
        var models = Enumerable.Range(1, 3)
            .Select(seed => new NerTrainer("en", gazetteer, new NerTrainingOptions { Epochs = 3, HashBits = 14, Seed = seed }).Train(training))
            .ToList();
        var average = NerModel.Average(models);
        Assert.True(NerEvaluation.Run(average, Corpus(500, 12)).Overall.F1 >= 0.9);
        Assert.True(average.RowCount >= models.Max(m => m.RowCount));
        var other = new NerTrainer("en", new NerGazetteer(), new NerTrainingOptions { Epochs = 1, HashBits = 14 }).Train(training);
        Assert.Throws<ArgumentException>(() => NerModel.Average([models[0], other]));
    }
    /// <summary>
    /// Names in a context that does not tell a city from a person ("X ist schön ."): held-out names never seen with a
    /// label are recognised through their cluster, learnt from unlabelled text where cities and people appear in
    /// contexts of their own. The clusters travel inside the model file.
    /// </summary>
    [Fact]
    public void ClusterFeaturesCarryLabelsToWordsSeenOnlyInUnlabelledText()
    {
        var mapping = new NerTagMapping();
        var cities = WordClusterTrainerTests.Cities;
        var people = WordClusterTrainerTests.People;
        List<NerSentence> Make(IEnumerable<string> cityNames, IEnumerable<string> personNames, int repeat) =>
            [.. Enumerable.Range(0, repeat).SelectMany(_ =>
                cityNames.Select(c => (Name: c, Tag: "B-LOC")).Concat(personNames.Select(p => (Name: p, Tag: "B-PER")))
                    .Select(n => new NerSentence([n.Name, "ist", "schön", "."], [mapping.Map(n.Tag), 0, 0, 0])))];
        var training = Make(cities[..4], people[..4], 6);
        var heldOut = Make(cities[4..], people[4..], 1);

        var clusters = new WordClusterTrainer(new WordClusterOptions()).Train(WordClusterTrainerTests.Corpus());
        var gazetteer = new NerGazetteer();
        gazetteer.SetClusters(clusters);
        Assert.Equal(clusters.Entries.Count, gazetteer.ClusterCount);
        var options = new NerTrainingOptions { Epochs = 4, HashBits = 14 };
        var withClusters = new NerTrainer("de", gazetteer, options).Train(training);
        var withoutClusters = new NerTrainer("de", new NerGazetteer(), options).Train(training);
        Assert.Equal(1.0, NerEvaluation.Run(withClusters, heldOut).Overall.F1);
        var without = NerEvaluation.Run(withoutClusters, heldOut).Overall.F1;
        Assert.True(without < 0.8, $"without clusters F1 {without:F2}");

        var directory = Directory.CreateTempSubdirectory("ner-clusters");
        try
        {
            var path = Path.Combine(directory.FullName, "ner.bin");
            withClusters.Save(path);
            var loaded = NerModel.Load(path);
            Assert.Equal(clusters.Entries.Count, loaded.Gazetteer.ClusterCount);
            Assert.Equal(1.0, NerEvaluation.Run(loaded, heldOut).Overall.F1);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
