using Lagebild.Nlp.Entities;

namespace Lagebild.Tests.Nlp.Entities;

/// <summary>The mention memory, the organisation cue words, WordNet instance nouns and the name-run features.</summary>
public sealed class NerDocumentFeaturesTests
{
    private static readonly NerTagMapping Mapping = new();

    private static byte[] Labels(params string[] tags) => [.. tags.Select(Mapping.Map)];

    private static string[] Names(byte[] labels) => [.. labels.Select(l => NerLabels.Name(l))];

    [Fact]
    public void MemoryMarksLaterRepeatsOfAMentionWithItsMajorityType()
    {
        var memory = new NerMentionMemory(window: 10);
        var first = Labels("B-ORG", "I-ORG", "rose", "O");
        memory.Apply(["Kestrel", "Group", "rose", "."], first);
        Assert.Equal(["B-ORG", "I-ORG", "O", "O"], Names(first));

        var second = Labels("O", "O", "O", "O");
        memory.Apply(["Kestrel", "Group", "fell", "."], second);
        Assert.Equal(["B-ORG", "I-ORG", "O", "O"], Names(second));

        // The longest remembered string wins; a shorter part alone is not remembered.
        var third = Labels("O", "O", "O");
        memory.Apply(["Kestrel", "said", "."], third);
        Assert.Equal(["O", "O", "O"], Names(third));

        // Two person readings outvote one organisation reading.
        memory.Apply(["Morrow", "spoke"], Labels("B-PER", "O"));
        memory.Apply(["Morrow", "left"], Labels("B-PER", "O"));
        memory.Apply(["Morrow", "Inc"], Labels("B-ORG", "O"));
        var vote = Labels("O", "O");
        memory.Apply(["Morrow", "returned"], vote);
        Assert.Equal(["B-PER", "O"], Names(vote));
    }

    [Fact]
    public void MemoryLeavesLabelledAndLowerCaseTokensAndForgetsOutsideItsWindow()
    {
        var memory = new NerMentionMemory(window: 2);
        memory.Apply(["Brno", "is", "big"], Labels("B-LOC", "O", "O"));
        var labelled = Labels("B-PER", "O");
        memory.Apply(["Brno", "said"], labelled);
        Assert.Equal(["B-PER", "O"], Names(labelled));

        var lower = Labels("O", "O");
        memory.Apply(["brno", "again"], lower);
        Assert.Equal(["O", "O"], Names(lower));

        // Brno (LOC) was seen three sentences ago and the PER reading two ago: only that one is left.
        var later = Labels("O", "O");
        memory.Apply(["Brno", "won"], later);
        Assert.Equal(["B-PER", "O"], Names(later));
        var forgotten = Labels("O");
        memory.Apply(["x"], Labels("O"));
        memory.Apply(["y"], Labels("O"));
        memory.Apply(["Brno"], forgotten);
        Assert.Equal(["O"], Names(forgotten));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NerMentionMemory(0));
    }

    [Fact]
    public void WhatTheMemoryAddedIsNotRemembered()
    {
        var memory = new NerMentionMemory(window: 2);
        memory.Apply(["Vantix", "won"], Labels("B-ORG", "O"));
        var added = Labels("O", "O");
        memory.Apply(["Vantix", "lost"], added);
        Assert.Equal("B-ORG", Names(added)[0]);
        memory.Apply(["nothing"], Labels("O"));
        // Only the model's own mention, two sentences back, could mark it, and it has left the window.
        var gone = Labels("O", "O");
        memory.Apply(["Vantix", "again"], gone);
        Assert.Equal(["O", "O"], Names(gone));
    }

    [Fact]
    public void ModelKeepsItsFeatureSetAndMemoryWindowThroughSaveAndLoad()
    {
        var training = new List<NerSentence>();
        for (var i = 0; i < 20; i++)
        {
            training.Add(new NerSentence(["Yesterday", "Heliox", "Corp", "hired", "Anna", "."], Labels("O", "B-ORG", "I-ORG", "O", "B-PER", "O")));
        }

        var directory = Directory.CreateTempSubdirectory("ner-memory");
        try
        {
            foreach (var featureSet in (int[])[NerFeatureSets.Original, NerFeatureSets.NameRuns, NerFeatureSets.RunContext])
            {
                var model = new NerTrainer("en", new NerGazetteer(), new NerTrainingOptions { Epochs = 2, HashBits = 12, FeatureSet = featureSet })
                    .Train(training).WithOutsideBias(2).WithMemoryWindow(7);
                var path = Path.Combine(directory.FullName, $"m{featureSet}.bin");
                model.Save(path);
                var loaded = NerModel.Load(path);
                Assert.Equal(featureSet, loaded.FeatureSet);
                Assert.Equal(7, loaded.MemoryWindow);
                Assert.Equal(2, loaded.OutsideBias);
                Assert.Equal(7, loaded.NewMemory()!.Window);
                Assert.Equal(model.Tag(training[0].Tokens), loaded.Tag(training[0].Tokens));
            }

            Assert.Null(NerModel.Load(Path.Combine(directory.FullName, "m1.bin")).WithMemoryWindow(0).NewMemory());
            Assert.Throws<ArgumentOutOfRangeException>(() => new NerTrainer("en", new NerGazetteer(), new NerTrainingOptions { FeatureSet = 9 }).Train(training));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void CueWordsAreWordClassesAndHyphenatedNamesMatchSplit()
    {
        var gazetteer = new NerGazetteer();
        gazetteer.Add("Inc.", GazetteerClass.OrganisationSuffix);
        gazetteer.Add("University", GazetteerClass.OrganisationHead);
        gazetteer.Add("Coca-Cola", GazetteerClass.Organisation);
        var tokens = new[] { "Coca", "-", "Cola", "University", "Inc.", "Coca-Cola" };
        var (phrases, parts) = Match(gazetteer, tokens);
        Assert.Equal((byte)GazetteerClass.Organisation | 64, phrases[0]);
        Assert.Equal((byte)GazetteerClass.Organisation, phrases[2]);
        Assert.Equal((byte)GazetteerClass.OrganisationHead, parts[3]);
        Assert.Equal((byte)GazetteerClass.OrganisationSuffix, parts[4]);
        Assert.Equal(0, phrases[3]);
        Assert.Equal((byte)GazetteerClass.Organisation | 64, phrases[5]);
    }

    private static (byte[] Phrases, byte[] Parts) Match(NerGazetteer gazetteer, string[] tokens)
    {
        var hashes = tokens.Select(t => NerHash.OfLower(t)).ToArray();
        var phrases = new byte[tokens.Length];
        var parts = new byte[tokens.Length];
        gazetteer.Match(hashes, phrases, parts);
        return (phrases, parts);
    }

    [Fact]
    public void WordNetInstanceNounsOfPersonsPlacesAndGroupsAreRead()
    {
        // Lines in the layout of WordNet 3.0's data.noun (made-up synsets): offset lex_filenum ss_type w_cnt words p_cnt pointers | gloss.
        var lines = new[]
        {
            "  1 This is a licence header line.",
            "00000001 18 n 02 Tobias_Brandtner 0 Brandtner 0 001 @i 00000100 n 0000 | a made-up person",
            "00000002 15 n 01 Porto_Velho_Norte 0 001 @i 00000200 n 0000 | a made-up place",
            "00000003 14 n 01 Vantix_Alliance 0 001 @i 00000300 n 0000 | a made-up group",
            "00000004 18 n 01 astronaut 0 001 @ 00000100 n 0000 | a class, not an instance",
            "00000005 06 n 01 Heliox_Engine 0 001 @i 00000400 n 0000 | an artefact: other lexicographer file",
        };
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, lines);
            var gazetteer = new NerGazetteer();
            Assert.Equal((2, 1, 1), gazetteer.AddWordNetInstances(path));
            var (phrases, parts) = Match(gazetteer, ["Tobias", "Brandtner", "in", "Porto", "Velho", "Norte", "and", "Vantix", "Alliance", "astronaut", "Heliox", "Engine"]);
            Assert.Equal((byte)GazetteerClass.Person | 64, phrases[0]);
            Assert.Equal((byte)GazetteerClass.GivenName, parts[0]);
            Assert.Equal((byte)GazetteerClass.Location | 64, phrases[3]);
            Assert.Equal((byte)GazetteerClass.Organisation | 64, phrases[7]);
            Assert.Equal(0, phrases[9]);
            Assert.Equal(0, phrases[10]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void NameRunsSpanCapitalisedWordsAndLowerCaseConnectors()
    {
        var gazetteer = new NerGazetteer();
        gazetteer.Add("Authority", GazetteerClass.OrganisationHead);
        var features = new NerFeatures(gazetteer, 16, partOfSpeech: false, auxiliary: null, NerFeatureSets.RunContext);
        var sentence = new NerFeatures.Sentence();
        string[] tokens = ["the", "Housing", "Authority", "of", "New", "Orleans", "said", "of", "it"];
        features.Prepare(tokens, null, sentence);
        Assert.Equal([-1, 1, 1, 1, 1, 1, -1, -1, -1], sentence.RunStart.Take(tokens.Length));
        Assert.Equal([-1, 5, 5, 5, 5, 5, -1, -1, -1], sentence.RunEnd.Take(tokens.Length));
        Assert.Equal(NerFeatures.BaseStaticCount + NerFeatures.NameRunCount, features.StaticCount);
        Assert.Equal(NerFeatures.BaseStaticCount, new NerFeatures(gazetteer, 16, false, null, NerFeatureSets.Original).StaticCount);
    }
}
