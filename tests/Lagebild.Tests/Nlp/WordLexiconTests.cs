using Lagebild.Nlp.Conllu;
using Lagebild.Nlp.Morphology;

namespace Lagebild.Tests.Nlp;

/// <summary>The external word lexicon: word lists and WordNet lines packed per word, looked up, and carried by the tagger model.</summary>
public class WordLexiconTests
{
    // Lines in WordNet 3.0's index format: lemma pos synset_cnt p_cnt [pointers] sense_cnt tagsense_cnt offsets.
    private static readonly string[] NounIndex =
    [
        "  1 This software and database is being provided to you",
        "cat n 8 2 @ ~ 8 1 02121620 02121808",
        "run n 16 4 @ ~ + ; 16 7 00189565 00791078",
        "big_cat n 1 1 @ 1 0 02127808",
    ];

    private static readonly string[] VerbIndex = ["run v 41 7 ! @ ~ ^ $ + ; 41 29 01926329", "stop v 29 4 ! @ ~ + 29 13 01860795"];

    private static readonly string[] AdjectiveIndex = ["big a 13 5 ! & ^ = + 13 9 01382086"];

    private static WordLexicon Build()
    {
        var builder = new WordLexicon.Builder();
        builder.AddWordClass(["the", "cat", "London", "cat's"], 1);
        builder.AddWordClass(["grim", "cats", "Grim", "the"], 2);
        builder.AddWordNetIndex(NounIndex, 0);
        builder.AddWordNetIndex(VerbIndex, 1);
        builder.AddWordNetIndex(AdjectiveIndex, 2);
        builder.AddWordNetExceptions(["ran run"], 1);
        return builder.Build();
    }

    [Fact]
    public void FrequencyClassesKeepTheMostCommonClassPerSpelling()
    {
        var lexicon = Build();
        Assert.Equal(1, WordLexicon.LowercaseClass(lexicon.Lookup("the")));
        Assert.Equal(0, WordLexicon.CapitalisedClass(lexicon.Lookup("the")));
        Assert.Equal(2, WordLexicon.LowercaseClass(lexicon.Lookup("grim")));
        Assert.Equal(2, WordLexicon.CapitalisedClass(lexicon.Lookup("grim")));
        Assert.Equal(0, WordLexicon.LowercaseClass(lexicon.Lookup("london")));
        Assert.Equal(1, WordLexicon.CapitalisedClass(lexicon.Lookup("london")));
        Assert.Equal(0, lexicon.Lookup("cat's"));
        Assert.Equal(0, lexicon.Lookup("unheard"));
    }

    [Fact]
    public void WordNetGivesPartsOfSpeechInflectionBasesAndTheMostFrequentPart()
    {
        var lexicon = Build();
        var run = lexicon.Lookup("run");
        Assert.Equal(WordLexicon.Noun | WordLexicon.Verb, WordLexicon.PartsOfSpeech(run));
        Assert.Equal(2, WordLexicon.Dominant(run)); // 29 tagged verb senses against 7 noun senses
        Assert.Equal(WordLexicon.Noun, WordLexicon.InflectionOf(lexicon.Lookup("cats")));
        Assert.Equal(WordLexicon.Verb, WordLexicon.InflectionOf(lexicon.Lookup("ran")));
        Assert.Equal(0, WordLexicon.PartsOfSpeech(lexicon.Lookup("ran")));
        Assert.Equal(0, lexicon.Lookup("big_cat"));

        // Only the lexicon's own words are looked up, so an inflection needs a list entry or an exception line.
        Assert.Equal(0, lexicon.Lookup("stopped"));
        var builder = new WordLexicon.Builder();
        builder.AddWordClass(["stopped", "bigger", "runs"], 3);
        builder.AddWordNetIndex(NounIndex, 0);
        builder.AddWordNetIndex(VerbIndex, 1);
        builder.AddWordNetIndex(AdjectiveIndex, 2);
        var inflected = builder.Build();
        Assert.Equal(WordLexicon.Verb, WordLexicon.InflectionOf(inflected.Lookup("stopped")));
        Assert.Equal(WordLexicon.Adjective, WordLexicon.InflectionOf(inflected.Lookup("bigger")));
        Assert.Equal(WordLexicon.Noun | WordLexicon.Verb, WordLexicon.InflectionOf(inflected.Lookup("runs")));
    }

    [Fact]
    public void TaggerModelCarriesTheLexiconThroughSaveAndLoad()
    {
        var train = ConlluReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "Fixtures", "nlp", "en_ewt-train-sample.conllu"));
        var lexicon = Build();
        var options = new MorphTrainingOptions { Language = "en", Epochs = 2, Seed = 5, WordLexicon = lexicon };
        var tagger = MorphTrainer.Train(train, null, options);
        var plain = MorphTrainer.Train(train, null, options with { WordLexicon = null });
        Assert.Contains("word lexicon of 9 words", tagger.Describe(), StringComparison.Ordinal);
        Assert.DoesNotContain("word lexicon", plain.Describe(), StringComparison.Ordinal);

        var directory = Directory.CreateTempSubdirectory("lagebild-wordlexicon-");
        try
        {
            var path = Path.Combine(directory.FullName, "tagger.bin");
            tagger.Save(path);
            var loaded = MorphTagger.Load(path);
            Assert.Equal(tagger.Describe(), loaded.Describe());
            string[] sentence = ["The", "grim", "cats", "ran", "to", "London", "."];
            Assert.Equal(tagger.Tag(sentence), loaded.Tag(sentence));

            // A second save of the loaded model is byte-identical: the lexicon is stored, not rebuilt from elsewhere.
            var again = Path.Combine(directory.FullName, "again.bin");
            loaded.Save(again);
            Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(again));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
