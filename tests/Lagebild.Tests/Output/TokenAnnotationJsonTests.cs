using System.Text.Json;
using Lagebild.Documents;
using Lagebild.Output;

namespace Lagebild.Tests.Output;

public sealed class TokenAnnotationJsonTests
{
    [Fact]
    public void TokensCarryTagsLemmasAndTreeWhenModelsRan()
    {
        var article = new Article("Die Regierung hat neue Sanktionen beschlossen. Er sprach das Problem aus.", new ArticleMetadata { Language = "de" }, "test");
        var context = Engine.Create().Pipeline.Run(article);
        using var json = JsonDocument.Parse(ArticleJsonWriter.ToJson(context, includeTokens: true));
        var tokens = json.RootElement.GetProperty("tokens").EnumerateArray().ToList();
        Assert.Equal(13, tokens.Count);
        Assert.All(tokens, t => Assert.True(t.TryGetProperty("upos", out _) && t.TryGetProperty("head", out _)));
        var roots = tokens.Count(t => t.GetProperty("head").GetInt32() == -1);
        Assert.Equal(2, roots);

        // The separated particle is joined back to the verb for the lemma the coder reads.
        var sprach = tokens.Single(t => t.GetProperty("text").GetString() == "sprach");
        Assert.Equal("aussprechen", sprach.GetProperty("lemma").GetString());
        Assert.Equal("VERB", sprach.GetProperty("upos").GetString());
    }

    [Fact]
    public void TokensStayBareForALanguageWithoutModels()
    {
        var article = new Article("Tämä on lyhyt teksti.", new ArticleMetadata { Language = "fi" }, "test");
        var context = Engine.Create().Pipeline.Run(article);
        using var json = JsonDocument.Parse(ArticleJsonWriter.ToJson(context, includeTokens: true));
        var first = json.RootElement.GetProperty("tokens")[0];
        Assert.False(first.TryGetProperty("upos", out _));
        Assert.False(first.TryGetProperty("head", out _));
    }
}
