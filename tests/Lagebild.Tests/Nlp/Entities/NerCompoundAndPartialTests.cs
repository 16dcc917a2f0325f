using Lagebild.Documents;
using Lagebild.Nlp.Entities;

namespace Lagebild.Tests.Nlp.Entities;

public sealed class NerCompoundAndPartialTests
{
    [Fact]
    public void CompoundHeadsMatchTheEndOfLongerTokensOnly()
    {
        var gazetteer = new NerGazetteer();
        Assert.False(gazetteer.HasCompoundHeads);
        Assert.False(gazetteer.EndsWithCompoundHead("Bundesministerium"));

        gazetteer.AddCompoundHead("Ministerium");
        gazetteer.AddCompoundHead("Verband");
        Assert.True(gazetteer.HasCompoundHeads);
        Assert.True(gazetteer.EndsWithCompoundHead("Bundesministerium"));
        Assert.True(gazetteer.EndsWithCompoundHead("SPD-Landesverband"));
        Assert.True(gazetteer.EndsWithCompoundHead("LANDESVERBAND"));
        // The head alone, a head after fewer than three letters, and other endings are not compounds.
        Assert.False(gazetteer.EndsWithCompoundHead("Ministerium"));
        Assert.False(gazetteer.EndsWithCompoundHead("Unverband"));
        Assert.False(gazetteer.EndsWithCompoundHead("Mysterium"));
        Assert.False(gazetteer.EndsWithCompoundHead("Bundesministeriums"));
    }

    [Fact]
    public void CompoundHeadsAreReadFromAListAndTravelInTheModel()
    {
        var directory = Directory.CreateTempSubdirectory("ner-compound");
        try
        {
            var list = Path.Combine(directory.FullName, "heads.txt");
            File.WriteAllLines(list, ["# heads", "Ministerium", "Bank", "AG"]);
            var gazetteer = new NerGazetteer();
            Assert.Equal(2, gazetteer.AddCompoundHeads(list));

            // Organisation names that end in a compound head, and common words that do not: a held-out compound
            // ("Kreissparbank") is an organisation by its head alone.
            var mapping = new NerTagMapping();
            string[] organisations = ["Innenministerium", "Volksbank", "Finanzministerium", "Landesbank", "Agrarministerium", "Hypobank"];
            string[] others = ["Wetter", "Essen", "Wochenende", "Ergebnis", "Publikum", "Verfahren"];
            var training = Enumerable.Range(0, 4).SelectMany(_ => organisations.Select(o => (Word: o, Tag: "B-ORG")).Concat(others.Select(o => (Word: o, Tag: "O"))))
                .Select(w => new NerSentence(["Das", w.Word, "meldet", "heute", "."], [0, mapping.Map(w.Tag), 0, 0, 0]))
                .ToList();
            var options = new NerTrainingOptions { Epochs = 4, HashBits = 14 };
            var model = new NerTrainer("de", gazetteer, options).Train(training);
            var path = Path.Combine(directory.FullName, "ner.bin");
            model.Save(path);
            var loaded = NerModel.Load(path);
            Assert.True(loaded.Gazetteer.HasCompoundHeads);
            Assert.Equal(mapping.Map("B-ORG"), loaded.Tag(["Das", "Kreissparbank", "meldet", "heute", "."])[1]);
            Assert.Equal(NerLabels.Outside, loaded.Tag(["Das", "Konzert", "meldet", "heute", "."])[1]);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void TypesACorpusNeverLabelsAreFound()
    {
        var mapping = new NerTagMapping();
        var sentences = new List<NerSentence>
        {
            new(["Anna", "in", "Graz"], [mapping.Map("B-PER"), 0, mapping.Map("B-LOC")]),
            new(["Nordwerk", "AG"], [mapping.Map("B-ORG"), mapping.Map("I-ORG")]),
        };
        var misc = (1 << NerLabels.Begin(EntityType.Miscellaneous)) | (1 << NerLabels.Inside(EntityType.Miscellaneous));
        Assert.Equal(misc, NerCorpus.UnlabelledTypes(sentences));
        Assert.Equal(0, NerCorpus.UnlabelledTypes([.. sentences, new(["Dax"], [mapping.Map("B-MISC")])]));
    }

    [Fact]
    public void PredictionsOfUnannotatedTypesStandWhereTheCorpusSaysOutside()
    {
        var mapping = new NerTagMapping();
        var misc = (1 << NerLabels.Begin(EntityType.Miscellaneous)) | (1 << NerLabels.Inside(EntityType.Miscellaneous));
        var sentence = new NerSentence(["Der", "Dax", "und", "Anna"], [0, 0, 0, mapping.Map("B-PER")]) { UnannotatedLabels = misc };
        byte[] predicted = [0, mapping.Map("B-MISC"), mapping.Map("B-ORG"), mapping.Map("B-MISC")];
        var accepted = NerTrainer.AcceptedLabels(sentence, predicted, new byte[4]).ToArray();
        // MISC over O stands; ORG over O and MISC over a labelled person do not.
        Assert.Equal([0, mapping.Map("B-MISC"), 0, mapping.Map("B-PER")], accepted);
        Assert.Equal(sentence.Labels, NerTrainer.AcceptedLabels(sentence with { UnannotatedLabels = 0 }, predicted, new byte[4]).ToArray());
    }

    [Fact]
    public void PredictionsOnHyphenatedTokensStandWhereCompoundsAreUncertain()
    {
        var mapping = new NerTagMapping();
        var sentence = new NerSentence(["Die", "US-Truppen", "in", "Nordrhein-Westfalen", "-"], [0, mapping.Map("B-ORG"), 0, mapping.Map("B-LOC"), 0]) { UncertainCompounds = true };
        byte[] predicted = [mapping.Map("B-ORG"), 0, mapping.Map("B-LOC"), mapping.Map("B-ORG"), mapping.Map("B-MISC")];
        var accepted = NerTrainer.AcceptedLabels(sentence, predicted, new byte[5]).ToArray();
        // Only the hyphenated words take the prediction; a lone hyphen is no compound.
        Assert.Equal([0, 0, 0, mapping.Map("B-ORG"), 0], accepted);
    }

    /// <summary>
    /// Many silver sentences that leave "Dax" unlabelled (their corpus has no MISC) outweigh a few gold ones that label it
    /// MISC, unless the silver corpus is marked as not annotating MISC.
    /// </summary>
    [Fact]
    public void SilverSentencesDoNotTeachOutsideForTypesTheyDoNotAnnotate()
    {
        var mapping = new NerTagMapping();
        var misc = (1 << NerLabels.Begin(EntityType.Miscellaneous)) | (1 << NerLabels.Inside(EntityType.Miscellaneous));
        var gold = Enumerable.Range(0, 3).Select(_ => new NerSentence(["Der", "Dax", "steigt", "."], [0, mapping.Map("B-MISC"), 0, 0])).ToList();
        var silver = Enumerable.Range(0, 40).Select(_ => new NerSentence(["Der", "Dax", "steigt", "."], [0, 0, 0, 0])).ToList();
        var options = new NerTrainingOptions { Epochs = 5, HashBits = 14 };
        var plain = new NerTrainer("de", new NerGazetteer(), options).Train([.. gold, .. silver]);
        var partial = new NerTrainer("de", new NerGazetteer(), options).Train([.. gold, .. silver.Select(s => s with { UnannotatedLabels = misc })]);
        string[] test = ["Der", "Dax", "steigt", "."];
        Assert.Equal(NerLabels.Outside, plain.Tag(test)[1]);
        Assert.Equal(mapping.Map("B-MISC"), partial.Tag(test)[1]);
    }
}
