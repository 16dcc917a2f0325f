using Lagebild.Evaluation;

namespace Lagebild.Tests.Evaluation;

public sealed class MentionScoringTests
{
    // "Angela Merkel traf in Wien Wolfgang Katzian; im Juni sprach Osttimor." with its gold names.
    private static readonly GoldMention[] Gold =
    [
        new(0, 13, "Angela Merkel", "PER", GoldMentionKind.Actor, "DEU", GoldMentionForm.Name),
        new(22, 4, "Wien", "LOC", GoldMentionKind.Place, "AUT", GoldMentionForm.Name),
        new(27, 16, "Wolfgang Katzian", "PER", GoldMentionKind.Actor, "AUT", GoldMentionForm.Name),
        new(60, 8, "Osttimor", "LOC", GoldMentionKind.Actor, "TLS", GoldMentionForm.Name),
    ];

    private static readonly SystemMention[] System =
    [
        new(7, 6, "Merkel", SystemMentionKind.Name, "DEU", "Angela Merkel"),
        new(22, 4, "Wien", SystemMentionKind.Name, "AUT", "Austria"),
        new(48, 4, "Juni", SystemMentionKind.Name, "SYR", "a Syrian official"),
        new(60, 8, "Osttimor", SystemMentionKind.Name, "TMP", "East Timor"),
        new(53, 6, "sprach", SystemMentionKind.Reference, "DEU", "Angela Merkel"),
    ];

    [Fact]
    public void NameRecallCountsOverlappingNamesAndExactSpansApart()
    {
        var tally = new MentionTally();
        tally.Add(Gold, System);

        Assert.Equal(2, tally.GoldNames);
        Assert.Equal(1, tally.FoundNames);
        Assert.Equal(0, tally.FoundNamesExact);
        Assert.Equal("Wolfgang Katzian", Assert.Single(tally.MissedNames).Text);
    }

    [Fact]
    public void LinksOnPlacesAndCommonWordsAreWrongAndHistoricalCodesCountAsEqual()
    {
        var tally = new MentionTally(new Dictionary<string, string> { ["TMP"] = "TLS" });
        tally.Add(Gold, System);

        Assert.Equal(4, tally.SystemLinks);
        Assert.Equal(2, tally.RightLinks);
        Assert.Equal(0.5, tally.LinkPrecision, 6);
        Assert.Equal(["place", "not a name"], tally.WrongLinks.Select(w => w.Gold));
        Assert.Equal(3, tally.GoldActors);
        Assert.Equal(2, tally.FoundActors);
        Assert.Equal("Wolfgang Katzian", Assert.Single(tally.MissedLinks).Text);
    }

    [Fact]
    public void WithoutCodeEquivalentsAHistoricalCodeIsAWrongCountry()
    {
        var tally = new MentionTally();
        tally.Add(Gold, System);

        Assert.Equal(1, tally.RightLinks);
        Assert.Contains(tally.WrongLinks, w => w.Text == "Osttimor" && w.Gold == "TLS");
    }

    [Fact]
    public void PartsAndDerivedFormsAreNotOwedToRecallButTheirLinksCanBeRight()
    {
        GoldMention[] gold =
        [
            new(0, 2, "UN", "ORG", GoldMentionKind.Actor, "IGO", GoldMentionForm.Part),
            new(12, 10, "ugandische", "MISC", GoldMentionKind.Other, "UGA", GoldMentionForm.Derived),
        ];
        var tally = new MentionTally();
        tally.Add(gold, [new SystemMention(0, 2, "UN", SystemMentionKind.Name, "IGO", "United Nations")]);

        Assert.Equal(0, tally.GoldNames);
        Assert.Equal(0, tally.GoldActors);
        Assert.Equal(1, tally.RightLinks);
        Assert.Equal(1.0, tally.LinkPrecision);
    }

    [Fact]
    public void ErrorListingGroupsTheMostFrequentWrongLinks()
    {
        var tally = new MentionTally();
        tally.Add(Gold, System);
        tally.Add(Gold, System);

        var listing = tally.FormatErrors(1);

        Assert.Contains("2x Juni -> a Syrian official [SYR], gold: not a name", listing, StringComparison.Ordinal);
        Assert.DoesNotContain("Wien ->", listing, StringComparison.Ordinal);
    }
}
