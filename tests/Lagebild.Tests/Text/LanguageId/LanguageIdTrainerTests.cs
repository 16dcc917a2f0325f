using Lagebild.Text.LanguageId;

namespace Lagebild.Tests.Text.LanguageId;

public sealed class LanguageIdTrainerTests
{
    private static readonly Lazy<NGramLanguageModel> Tiny = new(() => TrainTiny(LangIdFixtures.TinyTraining()));

    private static NGramLanguageModel TrainTiny(IEnumerable<LabeledText> texts)
    {
        var trainer = new LanguageIdTrainer(new LanguageIdTrainingOptions { MinCount = 1 });
        foreach (var text in texts)
        {
            trainer.Add(text.Language, text.Text);
        }

        return trainer.Build();
    }

    [Fact]
    public void TinyTrainingSetSeparatesGermanFromEnglish()
    {
        var model = Tiny.Value;
        var identifier = new LanguageIdentifier(model);
        var heldOut = LangIdFixtures.HeldOut().Where(t => t.Language is "de" or "en").ToList();
        var evaluation = LanguageIdEvaluation.Run(t => identifier.Identify(t).Best, heldOut);
        Assert.Equal(["de", "en"], model.Languages);
        Assert.Equal(100, evaluation.Overall.Total);
        Assert.True(evaluation.Overall.Accuracy >= 0.97, evaluation.Format());
    }

    [Fact]
    public void TrainingIsDeterministicWhateverTheInputOrder()
    {
        var forward = Serialize(Tiny.Value);
        var backward = Serialize(TrainTiny(LangIdFixtures.TinyTraining().Reverse()));
        Assert.Equal(forward, backward);
    }

    [Fact]
    public void SavedModelAnswersLikeTheTrainedOne()
    {
        var model = Tiny.Value;
        var reloaded = NGramLanguageModel.Read(new MemoryStream(Serialize(model)));
        var before = new LanguageIdentifier(model);
        var after = new LanguageIdentifier(reloaded);
        Assert.Equal(model.NGramCount, reloaded.NGramCount);
        foreach (var text in LangIdFixtures.HeldOut().Take(60))
        {
            Assert.Equal(before.Identify(text.Text), after.Identify(text.Text));
        }
    }

    [Fact]
    public void RejectsAFileThatIsNotAModel()
    {
        var stream = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Compress, leaveOpen: true))
        {
            gzip.Write("NOTAMODEL and some bytes"u8);
        }

        stream.Position = 0;
        Assert.Throws<InvalidDataException>(() => NGramLanguageModel.Read(stream));
    }

    [Fact]
    public void NeedsTwoLanguages()
    {
        var trainer = new LanguageIdTrainer();
        trainer.Add("de", "Nur ein deutscher Satz.");
        Assert.Throws<InvalidOperationException>(() => trainer.Build());
    }

    private static byte[] Serialize(NGramLanguageModel model)
    {
        var stream = new MemoryStream();
        model.Write(stream);
        return stream.ToArray();
    }
}
