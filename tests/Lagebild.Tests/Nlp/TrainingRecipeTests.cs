using Lagebild.Nlp.Clusters;
using Lagebild.Nlp.Conllu;
using Lagebild.Nlp.Entities;
using Lagebild.Nlp.Morphology;
using Lagebild.Nlp.Parsing;
using Lagebild.Tests.Nlp.Clusters;
using Lagebild.Text.LanguageId;

namespace Lagebild.Tests.Nlp;

/// <summary>The training recipes called directly, as a server or cluster runner would: no command line involved.</summary>
public sealed class TrainingRecipeTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("lagebild-recipes-");

    public void Dispose() => _directory.Delete(recursive: true);

    private static string NlpFixture => RepositoryPaths.Fixture("nlp", "en_ewt-train-sample.conllu");

    private static string NerFixture => RepositoryPaths.Fixture("ner", "uner-en_ewt-dev-first200.iob2");

    private string Out(string name) => Path.Combine(_directory.FullName, name);

    private NerTrainingRecipeOptions SmallNer(string output) => new()
    {
        Language = "en",
        DevFile = NerFixture,
        HoldOutEvery = 4,
        OutputDirectory = Out(output),
        CommandLine = "test recipe ner",
        Data = DataDirectory.Default(),
        Model = new NerTrainingOptions { Epochs = 2, HashBits = 14 },
        MemoryWindow = 0,
        OtherTags = "o",
    };

    [Fact]
    public void NerRecipeWritesTheSameModelTwiceAndRecordsItsCommandLine()
    {
        using var log = new StringWriter();
        Assert.True(NerTrainingRecipe.Run(SmallNer("a"), log).Succeeded);
        Assert.True(NerTrainingRecipe.Run(SmallNer("b"), TextWriter.Null).Succeeded);

        Assert.Equal(File.ReadAllBytes(Path.Combine(Out("a"), "ner.bin")), File.ReadAllBytes(Path.Combine(Out("b"), "ner.bin")));
        var record = File.ReadAllText(Path.Combine(Out("a"), "ner.txt"));
        Assert.StartsWith("command: test recipe ner\n", record, StringComparison.Ordinal);
        Assert.Contains("minus every 4th sentence: 150 sentences", record, StringComparison.Ordinal);
        Assert.Contains("mention memory: 0 sentences (given)", record, StringComparison.Ordinal);
        Assert.Contains("epoch 2: dev F1", log.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(20, 0, "--seeds must be 1..16.")]
    [InlineData(1, 1, "--stack-folds must be 0 or 2..20")]
    public void NerRecipeRefusesBadSettingsBeforeAnyWork(int seeds, int stackFolds, string problem)
    {
        using var log = new StringWriter();
        var outcome = NerTrainingRecipe.Run(SmallNer("refused") with { Seeds = seeds, StackFolds = stackFolds }, log);

        Assert.False(outcome.Succeeded);
        Assert.StartsWith(problem, outcome.Problem, StringComparison.Ordinal);
        Assert.Equal("", log.ToString());
        Assert.False(Directory.Exists(Out("refused")));
    }

    [Fact]
    public void NerRecipeNamesAMissingGazetteerFile()
    {
        var missing = Out("missing.txt");
        var outcome = NerTrainingRecipe.Run(SmallNer("refused") with { GazetteerLists = [$"per={missing}"] }, TextWriter.Null);
        Assert.Contains(missing, outcome.Problem, StringComparison.Ordinal);
        Assert.Null(NerTrainingRecipe.ParseOther("oth"));
    }

    [Fact]
    public void TaggerRecipeNamesAMissingTrainingFileAndWritesNothing()
    {
        var missing = Out("missing.conllu");
        var outcome = TaggerTrainingRecipe.Run(new TaggerTrainingRecipeOptions { Language = "en", TrainFiles = [missing], OutputDirectory = Out("tagger"), CommandLine = "x" }, TextWriter.Null);
        Assert.Equal($"training file '{missing}' not found.", outcome.Problem);
        Assert.False(Directory.Exists(Out("tagger")));
    }

    [Fact]
    public void ParserRecipeTrainsOnGoldTagsAndRecordsThem()
    {
        var recipe = new ParserTrainingRecipeOptions
        {
            Language = "en",
            DevFile = NlpFixture,
            DevEvery = 4,
            OutputDirectory = Out("parser"),
            CommandLine = "test recipe parser",
            Data = DataDirectory.Default(),
            Epochs = 1,
        };
        using var log = new StringWriter();
        Assert.True(ParserTrainingRecipe.Run(recipe, log).Succeeded);

        var record = File.ReadAllText(Path.Combine(Out("parser"), "parser.txt"));
        Assert.Contains("command: test recipe parser", record, StringComparison.Ordinal);
        Assert.Contains("train.sentences = 45", record, StringComparison.Ordinal);
        Assert.Contains("train.tags = gold", record, StringComparison.Ordinal);
        Assert.Contains("dev.sentences = 15", record, StringComparison.Ordinal);
        Assert.NotNull(DependencyParser.Load(Path.Combine(Out("parser"), DependencyParser.ModelFileName)));
    }

    [Fact]
    public void ParserRecipeRefusesGoldCopiesWithoutJackknifing()
    {
        var recipe = new ParserTrainingRecipeOptions
        {
            Language = "en",
            TrainFiles = [NlpFixture],
            OutputDirectory = Out("parser"),
            CommandLine = "x",
            Data = DataDirectory.Default(),
            JackknifeWithGold = true,
        };
        Assert.Equal("--jackknife-partial and --jackknife-with-gold need --jackknife.", ParserTrainingRecipe.Run(recipe, TextWriter.Null).Problem);
    }

    [Fact]
    public void TrainingDataSplitsTheDevFileByDevEvery()
    {
        List<ConlluSentence> train = [], dev = [];
        Assert.Null(ConlluTrainingData.Load([], NlpFixture, 3, train, dev));
        Assert.Equal(60, train.Count + dev.Count);
        Assert.Equal(20, dev.Count);
        Assert.Equal(ConlluReader.ReadFile(NlpFixture)[2].Forms(), dev[0].Forms());

        List<ConlluSentence> none = [], allDev = [];
        Assert.Equal("no training sentences (give --train, or --dev with --dev-every).", ConlluTrainingData.Load([], NlpFixture, 0, none, allDev));
    }

    [Fact]
    public void ClusterRecipeWritesTheSameClustersTwice()
    {
        var text = Out("corpus.txt");
        File.WriteAllLines(text, WordClusterTrainerTests.Corpus().Select(s => string.Join(' ', s)));
        ClusterTrainingRecipeOptions Recipe(string file) => new()
        {
            Language = "de",
            TextFiles = [text],
            OutputFile = Out(file),
            Data = DataDirectory.Default(),
            Clustering = new WordClusterOptions { MinCount = 2, MaxDepth = 4 },
        };

        using var log = new StringWriter();
        Assert.True(ClusterTrainingRecipe.Run(Recipe("a.txt"), log).Succeeded);
        Assert.True(ClusterTrainingRecipe.Run(Recipe("b.txt"), TextWriter.Null).Succeeded);
        Assert.Equal(File.ReadAllBytes(Out("a.txt")), File.ReadAllBytes(Out("b.txt")));
        Assert.Contains("corpus.txt: 288 sentences", log.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("--min-count >= 1", ClusterTrainingRecipe.Run(Recipe("c.txt") with { Clustering = new WordClusterOptions { Window = 5 } }, TextWriter.Null).Problem, StringComparison.Ordinal);
        Assert.False(File.Exists(Out("c.txt")));
    }

    [Fact]
    public void LanguageIdRecipeNamesAMissingDataRoot()
    {
        var recipe = new LanguageIdTrainingRecipeOptions { DataRoot = Out("nothing"), OutputDirectory = Out("langid"), CommandLine = "x" };
        Assert.Equal($"no langid/pud under --data '{Out("nothing")}'.", LanguageIdTrainingRecipe.Run(recipe, TextWriter.Null).Problem);
        Assert.False(Directory.Exists(Out("langid")));
    }
}
