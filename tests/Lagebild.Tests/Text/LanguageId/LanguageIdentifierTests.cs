using Lagebild.Text.LanguageId;

namespace Lagebild.Tests.Text.LanguageId;

public sealed class LanguageIdentifierTests
{
    [Fact]
    public void QualityGateOnHeldOutPudSentences()
    {
        var identifier = LangIdFixtures.Identifier;
        var evaluation = LanguageIdEvaluation.Run(t => identifier.Identify(t).Code, LangIdFixtures.HeldOut());
        foreach (var (name, minimum) in LangIdFixtures.QualityGate())
        {
            var row = string.Equals(name, "overall", StringComparison.Ordinal) ? evaluation.Overall : evaluation.For(name);
            Assert.NotNull(row);
            Assert.True(row.Total > 0, $"no fixture sentences for '{name}'");
            Assert.True(row.Accuracy >= minimum, $"{name}: accuracy {row.Accuracy:P2} < recorded minimum {minimum:P2}\n{evaluation.Format()}");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("1234567890 3.14159 2026-11-29 +49 30 1234567")]
    [InlineData("!!! --- *** ??? ... ===")]
    [InlineData("xqzvk jhwpq zzkqv bnmxl qwrtz pfkgh vvxzq")]
    [InlineData("zxkq vbtrw plmnq xcvbz hjkwq trzvx kqpwz mnbvx")]
    public void UndeterminedForTextWithoutLanguage(string text)
    {
        var result = LangIdFixtures.Identifier.Identify(text);
        Assert.Equal(LanguageIdentification.Undetermined, result.Code);
        Assert.False(result.IsDetermined);
    }

    [Theory]
    [InlineData("Die Bundesregierung hat am Mittwoch neue Maßnahmen gegen die steigenden Energiepreise beschlossen.", "de")]
    [InlineData("The government announced on Wednesday new measures against rising energy prices.", "en")]
    [InlineData("Le gouvernement a annoncé mercredi de nouvelles mesures contre la hausse des prix de l'énergie.", "fr")]
    [InlineData("Правительство в среду объявило о новых мерах против роста цен на энергоносители.", "ru")]
    public void IdentifiesSentencesItWasNotTrainedOn(string text, string expected)
    {
        var result = LangIdFixtures.Identifier.Identify(text);
        Assert.Equal(expected, result.Code);
        Assert.InRange(result.Confidence, 0.5, 1.0);
    }

    [Fact]
    public void CaseAndPunctuationDoNotChangeTheAnswer()
    {
        var identifier = LangIdFixtures.Identifier;
        var plain = identifier.Identify("der hund des nachbarn bellt jeden morgen sehr laut");
        var styled = identifier.Identify("„Der Hund des Nachbarn bellt – jeden Morgen – sehr LAUT!“");
        Assert.Equal(plain.Code, styled.Code);
        Assert.Equal(plain.Confidence, styled.Confidence, 6);
    }

    [Fact]
    public void LongTextStopsEarlyWithTheSameAnswer()
    {
        var sentence = "Die Regierung hat gestern in Berlin beschlossen, die Steuern im kommenden Jahr nicht zu erhöhen. ";
        var longText = string.Concat(Enumerable.Repeat(sentence, 200));
        var result = LangIdFixtures.Identifier.Identify(longText);
        Assert.Equal("de", result.Code);
        Assert.True(result.Letters < longText.Length / 4, $"read {result.Letters} letters of {longText.Length} characters");
    }

    [Fact]
    public void IsSafeToCallFromSeveralThreads()
    {
        var identifier = LangIdFixtures.Identifier;
        var texts = LangIdFixtures.HeldOut().Take(120).ToArray();
        var sequential = texts.Select(t => identifier.Identify(t.Text)).ToArray();
        var parallel = new LanguageIdentification[texts.Length];
        Parallel.For(0, texts.Length, i => parallel[i] = identifier.Identify(texts[i].Text));
        Assert.Equal(sequential, parallel);
    }
}
