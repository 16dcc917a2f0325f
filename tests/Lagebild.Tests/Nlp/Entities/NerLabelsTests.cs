using System.Text;
using Lagebild.Documents;
using Lagebild.Nlp.Entities;

namespace Lagebild.Tests.Nlp.Entities;

public sealed class NerLabelsTests
{
    private static byte[] Labels(params string[] tags)
    {
        var mapping = new NerTagMapping();
        return tags.Select(mapping.Map).ToArray();
    }

    [Fact]
    public void MentionsFollowConllevalChunking()
    {
        // An I- after O or after another type starts a new mention, as conlleval counts it.
        var mentions = NerLabels.Mentions(Labels("B-PER", "I-PER", "O", "I-LOC", "I-LOC", "I-ORG", "B-ORG", "B-ORG"));
        Assert.Equal(
            [
                new TokenMention(0, 2, EntityType.Person),
                new TokenMention(3, 2, EntityType.Location),
                new TokenMention(5, 1, EntityType.Organisation),
                new TokenMention(6, 1, EntityType.Organisation),
                new TokenMention(7, 1, EntityType.Organisation),
            ],
            mentions);
    }

    [Theory]
    [InlineData("B-OTH", "B-MISC")]
    [InlineData("I-OTH", "I-MISC")]
    [InlineData("B-LOCderiv", "O")]
    [InlineData("I-ORGpart", "O")]
    [InlineData("B-O", "O")]
    [InlineData("I-O", "O")]
    [InlineData("B-PER", "B-PER")]
    [InlineData("X", "O")]
    public void GermEvalAndUnerTagsAreMapped(string tag, string expected) =>
        Assert.Equal(expected, NerLabels.Name(new NerTagMapping().Map(tag)));

    [Fact]
    public void OtherCanMapToOutside() =>
        Assert.Equal("O", NerLabels.Name(new NerTagMapping { OtherAsMisc = false }.Map("B-OTH")));

    [Fact]
    public void EvaluationCountsExactSpanAndType()
    {
        var evaluation = new NerEvaluation();
        evaluation.Add(Labels("B-PER", "I-PER", "O", "B-LOC"), Labels("B-PER", "O", "O", "B-LOC"));
        evaluation.Add(Labels("B-ORG", "O"), Labels("B-LOC", "O"));
        var overall = evaluation.Overall;
        Assert.Equal(1, overall.Correct);
        Assert.Equal(3, overall.Predicted);
        Assert.Equal(3, overall.Gold);
        Assert.Equal(1.0, evaluation.For(EntityType.Location).Recall);
        Assert.Equal(0.0, evaluation.For(EntityType.Person).F1);
    }

    [Fact]
    public void CorpusReaderHandlesTheLayouts()
    {
        const string text = "# comment\n1\tAngela\tB-PER\tO\n2\tMerkel\tI-PER\tO\n\n\nBerlin O\nruft B-LOCderiv\n";
        var sentences = NerCorpus.Read(new StringReader(text), new NerTagMapping());
        Assert.Equal(2, sentences.Count);
        Assert.Equal(["Angela", "Merkel"], sentences[0].Tokens);
        Assert.Equal(["B-PER", "I-PER"], sentences[0].Labels.Select(l => NerLabels.Name(l)));
        Assert.Equal(["O", "O"], sentences[1].Labels.Select(l => NerLabels.Name(l)));

        var wikiann = NerCorpus.Read(new StringReader("de:Savoyer\tB-LOC\nde:Voralpen\tI-LOC\n"), new NerTagMapping());
        Assert.Equal(["Savoyer", "Voralpen"], wikiann[0].Tokens);

        var iob1 = NerCorpus.Read(new StringReader("in O\nWien I-LOC\nund O\nNew I-LOC\nYork I-LOC\nMayer I-PER\n"), new NerTagMapping());
        Assert.Equal(["O", "B-LOC", "O", "B-LOC", "I-LOC", "B-PER"], iob1[0].Labels.Select(l => NerLabels.Name(l)));

        var uner = NerCorpus.Read(new StringReader("# sent_id = doc-0001\n# text = Hi\n1\tHi\tO\n\n1\tYo\tO\n"), new NerTagMapping());
        Assert.Equal("doc-0001", uner[0].Id);
        Assert.Null(uner[1].Id);
    }

    [Fact]
    public void RunOnTextWithoutSentenceBreaksIsCutAfterFinalPunctuation()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 100; i++)
        {
            text.Append("Der O\nMann O\nin O\nWien B-LOC\n. O\n");
        }

        var sentences = NerCorpus.Read(new StringReader(text.ToString()), new NerTagMapping());
        Assert.Equal(100, sentences.Count);
        Assert.All(sentences, s => Assert.Equal(["Der", "Mann", "in", "Wien", "."], s.Tokens));
    }

    [Fact]
    public void GazetteerMarksTheLongestMatch()
    {
        var gazetteer = new NerGazetteer();
        gazetteer.Add("United States", GazetteerClass.Location);
        gazetteer.Add("United States Army", GazetteerClass.Organisation);
        gazetteer.Add("Angela Merkel", GazetteerClass.Person);
        var model = new NerTrainer("en", gazetteer, new NerTrainingOptions { Epochs = 1, HashBits = 12 }).Train([]);
        var features = model.Features;
        var sentence = new NerFeatures.Sentence();
        features.Prepare(["the", "united", "states", "army", "and", "Merkel"], null, sentence);
        Assert.Equal([0, 64 | 2, 2, 2, 0, 0], sentence.PhraseCodes.Take(6).Select(b => (int)b));
        Assert.Equal((byte)GazetteerClass.FamilyName, sentence.PartCodes[5]);
    }

    [Fact]
    public void GazetteerReadsJsonPlaceListsAndWordClasses()
    {
        var directory = Directory.CreateTempSubdirectory("ner-gazetteer");
        try
        {
            var places = Path.Combine(directory.FullName, "cities.json");
            File.WriteAllText(places, """[{"name":"Barling","country":"US"},{"name":"New Kestrel"},{"code":"x"}]""");
            var common = Path.Combine(directory.FullName, "common.txt");
            File.WriteAllText(common, "the\nhouse\n");
            var rare = Path.Combine(directory.FullName, "rare.txt");
            File.WriteAllText(rare, "house\nbarling\n");
            var gazetteer = new NerGazetteer();
            gazetteer.AddList(places, GazetteerClass.Location);
            gazetteer.AddWordClass(common, 1);
            gazetteer.AddWordClass(rare, 2);
            Assert.Equal(2, gazetteer.Count);
            Assert.Equal(3, gazetteer.FrequencyCount);
            Assert.Equal(1, gazetteer.FrequencyClass(NerHash.OfLower("House")));
            Assert.Equal(2, gazetteer.FrequencyClass(NerHash.OfLower("barling")));
            Assert.Equal(0, gazetteer.FrequencyClass(NerHash.OfLower("kestrel")));

            var model = new NerTrainer("en", gazetteer, new NerTrainingOptions { Epochs = 1, HashBits = 12 }).Train([]);
            var sentence = new NerFeatures.Sentence();
            model.Features.Prepare(["we", "drove", "to", "new", "kestrel", "and", "barling"], null, sentence);
            Assert.Equal([0, 0, 0, 64 | 4, 4, 0, 64 | 4], sentence.PhraseCodes.Take(7).Select(b => (int)b));

            // The word classes travel inside the model file.
            var path = Path.Combine(directory.FullName, "ner.bin");
            model.Save(path);
            Assert.Equal(2, NerModel.Load(path).Gazetteer.FrequencyClass(NerHash.OfLower("barling")));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
