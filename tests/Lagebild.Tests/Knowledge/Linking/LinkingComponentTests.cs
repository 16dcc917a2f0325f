using Lagebild.Documents;
using Lagebild.Knowledge;
using Lagebild.Knowledge.Dictionaries;
using Lagebild.Knowledge.Linking;
using Lagebild.Pipeline;

namespace Lagebild.Tests.Knowledge.Linking;

public sealed class LinkingComponentTests
{
    private static readonly Lazy<KnowledgeBase> Shipped = new(() => KnowledgeBaseLoader.Load(DataDirectory.Default(), [], new List<DictionaryIssue>()));

    [Theory]
    [InlineData("de", "aussenminister", "m")]
    [InlineData("de", "fuhrers", "m")]
    [InlineData("de", "prasidentin", "f")]
    [InlineData("de", "staatsmedien", null)]
    [InlineData("de", "aussenministeriums", null)]
    [InlineData("en", "leader", "x")]
    [InlineData("en", "troops", null)]
    public void RoleNounsDenotePersonsWithTheirGender(string language, string head, string? gender)
    {
        var lexicon = LinkingLexicon.Load(DataDirectory.Default(), language);
        Assert.NotNull(lexicon);
        Assert.Equal(gender, lexicon.RoleNounGender(head));
    }

    [Fact]
    public void LexiconOfALanguageWithoutDataIsNull()
    {
        Assert.Null(LinkingLexicon.Load(DataDirectory.Default(), "xx"));
        Assert.Null(LinkingLexicon.Load(DataDirectory.Default(), "../de"));
    }

    [Fact]
    public void FirstWordFilterKnowsNamesInflectionsAndAgentPhrases()
    {
        var knowledge = Shipped.Value;
        Assert.True(knowledge.MaxNameWords("xi", "de") >= 2);
        Assert.True(knowledge.MaxNameWords("washingtons", "de") >= 1);
        Assert.True(knowledge.MaxNameWords("chinesischen", "de") >= 2, "an adjective can begin an adjective + agent phrase");
        Assert.Equal(0, knowledge.MaxNameWords("regenschirm", "de"));
        Assert.True(knowledge.IsCountryAdjective("chinesischen", "de"));
        Assert.True(knowledge.IsCountryAdjective("Chinese", "en"));
        Assert.False(knowledge.IsCountryAdjective("China", "de"));
        Assert.Equal(knowledge.Lookup("Xi Jinping", null, "de")[0].Id, knowledge.LookupNameKey("xi jinping", null, "de")[0].Id);
        Assert.Equal(ActorKind.Person, knowledge.ActorById("XI_JINPING")?.Kind);
    }

    [Fact]
    public void ArticleOfALanguageWithoutWordListsGetsNoEntities()
    {
        var article = new Article("Xi Jinping parle à Pékin.", new ArticleMetadata(), "test");
        var context = Engine.Create().Pipeline.Run(article, new AnalysisOptions { ForcedLanguage = "fr" });
        Assert.Empty(context.Get(LinkingLayers.ActorMentions));
        Assert.Empty(context.Get(LinkingLayers.Coreference).Entities);
    }
}
