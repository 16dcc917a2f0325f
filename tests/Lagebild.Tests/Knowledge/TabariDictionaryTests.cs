using Lagebild.Knowledge;
using Lagebild.Knowledge.Dictionaries;

namespace Lagebild.Tests.Knowledge;

public sealed class TabariDictionaryTests
{
    [Fact]
    public void ReadsActorRecordsWithSynonymsDatesAndComments()
    {
        const string text = """
            # header comment
            AFGHANISTAN_  [AFG]
            +AFGHAN_
            +KABUL_

            JAMES_BYRNES_  ; CountryInfo.txt
            	[USAELI 18970101-450703]
            	[USAGOV 450703-470121]
            XI_JINPING_  # CountryInfo.txt
            +PRESIDENT_XI_JINPING
            	[CHNGOV >20121115]
            	[CHNELI]
            BROKEN_
            	[ARMUNR 9008223-911221]
            """;
        var issues = new List<DictionaryIssue>();
        var records = TabariActorDictionary.Read(new StringReader(text), "test.txt", issues);
        Assert.Equal(4, records.Count);
        Assert.Equal(["AFGHAN_", "KABUL_"], records[0].Synonyms);
        Assert.Equal(new RolePeriod("AFG", null, null), records[0].Roles.Single());
        Assert.Equal(new RolePeriod("USAELI", new DateOnly(1897, 1, 1), new DateOnly(1945, 7, 3)), records[1].Roles[0]);
        Assert.Equal(new RolePeriod("CHNGOV", new DateOnly(2012, 11, 15), null), records[2].Roles[0]);
        Assert.Equal("CountryInfo.txt", records[2].Comment);
        var issue = Assert.Single(issues);
        Assert.Equal(14, issue.Line);
        Assert.Contains("9008223", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NormalizedRolesNeverOverlapAndLaterStartsWin()
    {
        RolePeriod[] roles =
        [
            new("RUSELI", new DateOnly(1970, 1, 1), new DateOnly(1999, 8, 8)),
            new("RUSGOV", new DateOnly(1999, 12, 31), new DateOnly(2008, 5, 7)),
            new("RUSGOV", new DateOnly(1999, 8, 9), new DateOnly(2000, 5, 7)),
            new("RUSGOV", new DateOnly(2008, 5, 8), null),
            new("RUSELI", null, null),
        ];
        var normalized = TabariImport.NormalizeRoles(roles);
        Assert.Equal(
            [new RolePeriod("RUSELI", new DateOnly(1970, 1, 1), new DateOnly(1999, 8, 8)), new RolePeriod("RUSGOV", new DateOnly(1999, 8, 9), null), new RolePeriod("RUSELI", null, null)],
            normalized);
    }

    [Fact]
    public void ReadsAgentsWithPluralsAndSubstitutionMarkers()
    {
        const string text = """
            !PERSON! = MAN, WOMAN
            CONGRESS!PERSON! [~LEG]
            POLICE {} [~COP]
            ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]
            PARTY [~PTY]
            """;
        var issues = new List<DictionaryIssue>();
        var phrases = TabariAgentDictionary.Read(new StringReader(text), "agents.txt", issues).Select(r => (r.Phrase, r.Code)).ToList();
        Assert.Empty(issues);
        Assert.Equal(
            [("CONGRESSMAN", "LEG"), ("CONGRESSWOMAN", "LEG"), ("POLICE", "COP"), ("ATTORNEY_GENERAL", "GOVATG"), ("ATTORNEYS_GENERAL", "GOVATG"), ("PARTY", "PTY"), ("PARTIES", "PTY")],
            phrases);
    }

    [Theory]
    [InlineData("Lukashenko", "BLR", "Lukaschenko")]
    [InlineData("Vladimir Putin", "RUS", "Wladimir Putin")]
    [InlineData("Volodymyr Zelensky", "UKR", "Wolodymyr Selenskyj")]
    [InlineData("Sergei Shoigu", "RUS", "Sergej Schoigu")]
    [InlineData("Mikhail Gorbachev", "RUS", "Michail Gorbatschew")]
    public void TransliteratesCyrillicNamesTheGermanWay(string english, string country, string german)
    {
        var issues = new List<DictionaryIssue>();
        var rules = GermanTransliteration.Load(DataDirectory.Default().Resolve("de", "transliteration.tsv"), issues);
        Assert.Empty(issues);
        Assert.Equal(german, rules.Transliterate(english, country));
        Assert.Null(rules.Transliterate("Emmanuel Macron", "FRA"));
    }
}
