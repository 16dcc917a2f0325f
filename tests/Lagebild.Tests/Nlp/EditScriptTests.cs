using Lagebild.Nlp.Morphology;

namespace Lagebild.Tests.Nlp;

public class EditScriptTests
{
    [Theory]
    [InlineData("gemacht", "machen")]
    [InlineData("Häuser", "Haus")]
    [InlineData("The", "the")]
    [InlineData("ABKOMMEN", "Abkommen")]
    [InlineData("went", "go")]
    [InlineData("studies", "study")]
    [InlineData("Berlin", "Berlin")]
    public void DerivedScriptReproducesTheLemma(string form, string lemma)
    {
        var script = EditScript.Derive(form, lemma);
        Assert.NotNull(script);
        Assert.Equal(lemma, script.Apply(form));
        Assert.Equal(script, EditScript.FromKey(script.Key));
    }

    [Fact]
    public void ScriptGeneralisesToWordsWithTheSameEnding()
    {
        var script = EditScript.Derive("studies", "study")!;
        Assert.Equal("party", script.Apply("parties"));
        Assert.Null(script.Apply("house"));
    }

    [Fact]
    public void MalformedKeyIsRejected() =>
        Assert.Throws<InvalidDataException>(() => EditScript.FromKey("7\u001Fa\u001Fb"));
}
