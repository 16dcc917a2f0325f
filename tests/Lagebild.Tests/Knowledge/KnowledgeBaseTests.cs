using System.Globalization;
using System.Text.Json;
using Lagebild.Knowledge;
using Lagebild.Knowledge.Dictionaries;

namespace Lagebild.Tests.Knowledge;

public sealed class KnowledgeBaseTests
{
    private static readonly Lazy<KnowledgeBase> Shipped = new(() =>
    {
        var issues = new List<DictionaryIssue>();
        var knowledge = KnowledgeBaseLoader.Load(DataDirectory.Default(), [], issues);
        Assert.Empty(issues);
        return knowledge;
    });

    public static TheoryData<string, string> LookupCases() => Cases("lookup.json");

    public static TheoryData<string, string> MentionCases() => Cases("mentions.json");

    /// <summary>(language, case JSON) for every case of specs/knowledge.lookup/&lt;lang&gt;/<paramref name="file"/>.</summary>
    private static TheoryData<string, string> Cases(string file)
    {
        var data = new TheoryData<string, string>();
        foreach (var language in new[] { "de", "en" })
        {
            var path = Path.Combine(AppContext.BaseDirectory, "specs", "knowledge.lookup", language, file);
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            foreach (var item in document.RootElement.GetProperty("cases").EnumerateArray())
            {
                data.Add(language, item.GetRawText());
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LookupCases))]
    public void ResolvesNamesAsTheGoldenCasesSay(string language, string caseJson)
    {
        using var document = JsonDocument.Parse(caseJson);
        var item = document.RootElement;
        var name = item.GetProperty("name").GetString()!;
        var date = DateOnly.ParseExact(item.GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var results = Shipped.Value.Lookup(name, date, language);
        var expectedCode = item.GetProperty("code").GetString();
        if (expectedCode is null)
        {
            Assert.Empty(results);
            return;
        }

        Assert.NotEmpty(results);
        var best = results[0];
        Assert.Equal(expectedCode, best.Code);
        Assert.Equal(item.GetProperty("id").GetString(), best.Id);
        Assert.Equal(item.GetProperty("match").GetString(), best.MatchKind);
        Assert.False(string.IsNullOrWhiteSpace(best.Reason));
    }

    [Theory]
    [MemberData(nameof(MentionCases))]
    public void ResolvesWholeMentionsAsTheGoldenCasesSay(string language, string caseJson)
    {
        using var document = JsonDocument.Parse(caseJson);
        var item = document.RootElement;
        var date = DateOnly.ParseExact(item.GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var resolution = Shipped.Value.ResolveMention(item.GetProperty("mention").GetString()!, date, language);
        var expectedCode = item.GetProperty("code").GetString();
        if (expectedCode is null)
        {
            Assert.Null(resolution?.Code);
            return;
        }

        Assert.NotNull(resolution);
        Assert.Equal(expectedCode, resolution.Code);
        Assert.Equal(item.GetProperty("id").GetString(), resolution.Id);
        Assert.Equal(item.GetProperty("match").GetString(), resolution.MatchKind);
        Assert.False(string.IsNullOrWhiteSpace(resolution.Reason));
    }

    [Fact]
    public void ShippedKnowledgeBaseValidatesWithoutProblems()
    {
        var data = DataDirectory.Default();
        var issues = KnowledgeBaseValidator.Validate(KnowledgeBaseLoader.ShippedDirectories(data));
        Assert.True(issues.Count == 0, string.Join('\n', issues.Take(20)));
        Assert.True(Shipped.Value.Countries.Count >= 200);
        Assert.True(Shipped.Value.Actors.Count(a => a.Kind == ActorKind.Person) >= 15000);
    }

    [Fact]
    public void ValidatorRejectsDuplicateIdsUnknownCodesAndOverlappingPeriods()
    {
        var directory = Directory.CreateTempSubdirectory("lagebild-kb-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "codes.tsv"), "code\tkind\tdescription\nGOV\tsegment\tgovernment\n");
            File.WriteAllText(Path.Combine(directory.FullName, "countries.tsv"),
                "code\tiso2\tiso3\tname_en\tname_de\tnames\tadjectives\tmetonyms\nXYZ\tXY\tXYZ\tXyzland\tXyzland\t\t\t\n");
            File.WriteAllText(Path.Combine(directory.FullName, "actors.tsv"),
                "id\tkind\tname\tnames\troles\tprovenance\n" +
                "A\tperson\tAnna A\t*:Anna A\tXYZGOV@2000-01-01..2005-12-31;XYZGOV@2004-01-01..2010-01-01\ttest\n" +
                "A\tperson\tAnna B\t*:Anna B\tXYZGOV\ttest\n" +
                "B\tperson\tBert B\t*:Bert B\tXYZGVO\ttest\n" +
                "C\tperson\tCarl C\t*:Carl C\tQQQGOV\ttest\n");
            var issues = KnowledgeBaseValidator.Validate([directory.FullName]).Select(i => i.Message).ToList();
            Assert.Contains(issues, m => m.Contains("defined twice", StringComparison.Ordinal));
            Assert.Contains(issues, m => m.Contains("unknown code XYZGVO", StringComparison.Ordinal));
            Assert.Contains(issues, m => m.Contains("unknown code QQQGOV", StringComparison.Ordinal));
            Assert.DoesNotContain(issues, m => m.Contains("overlapping", StringComparison.Ordinal)); // A was overridden by its second record

            File.WriteAllText(Path.Combine(directory.FullName, "actors.tsv"),
                "id\tkind\tname\tnames\troles\tprovenance\nA\tperson\tAnna A\t*:Anna A\tXYZGOV@2000-01-01..2005-12-31;XYZGOV@2004-01-01..2010-01-01\ttest\n");
            issues = KnowledgeBaseValidator.Validate([directory.FullName]).Select(i => i.Message).ToList();
            Assert.Contains(issues, m => m.Contains("overlapping", StringComparison.Ordinal));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void UserDictionariesOverrideShippedEntries()
    {
        var directory = Directory.CreateTempSubdirectory("lagebild-kb-user-");
        try
        {
            // A PETRARCH-format file: the same actor id with another role wins over the shipped record.
            File.WriteAllText(Path.Combine(directory.FullName, "mine.actors.txt"), "XI_JINPING_\n+XI_DADA_\n\t[CHNMIL]\n");
            var issues = new List<DictionaryIssue>();
            var knowledge = KnowledgeBaseLoader.Load(DataDirectory.Default(), [directory.FullName], issues);
            Assert.Empty(issues);
            var result = Assert.Single(knowledge.Lookup("Xi Dada", new DateOnly(2023, 3, 1), "en"));
            Assert.Equal("CHNMIL", result.Code);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void PersonGenderComesFromTheRecordElseFromAGivenName()
    {
        var knowledge = Shipped.Value;
        Assert.Equal("f", knowledge.GenderOf("ANNALENA_BAERBOCK")); // curated gender column
        Assert.Equal("m", knowledge.GenderOf("XI_JINPING")); // curated: "Xi" is no given name
        Assert.Equal("f", knowledge.GivenNames.Count > 0 ? knowledge.GenderOfGivenName("Giorgia") : null);
        var meloni = Assert.Single(knowledge.Lookup("Giorgia Meloni", new DateOnly(2023, 3, 1), "en"));
        Assert.Equal("f", knowledge.GenderOf(meloni.Id)); // from the given-name list
        Assert.Null(knowledge.GenderOfGivenName("Andrea")); // used for both genders: not listed
        Assert.Null(knowledge.GenderOf("UNITED_NATIONS"));
        Assert.Null(knowledge.GenderOf("country:CHN"));
    }

    [Fact]
    public void GenderColumnAndGivenNamesAreReadAndChecked()
    {
        var directory = Directory.CreateTempSubdirectory("lagebild-kb-gender-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "codes.tsv"), "code\tkind\tdescription\nGOV\tsegment\tgovernment\n");
            File.WriteAllText(Path.Combine(directory.FullName, "countries.tsv"),
                "code\tiso2\tiso3\tname_en\tname_de\tnames\tadjectives\tmetonyms\nXYZ\tXY\tXYZ\tXyzland\tXyzland\t\t\t\n");
            File.WriteAllText(Path.Combine(directory.FullName, "actors.tsv"),
                "id\tkind\tname\tnames\troles\tprovenance\tgender\n" +
                "A\tperson\tKim Alpha\t*:Kim Alpha\tXYZGOV\ttest\tf\n" +
                "B\tperson\tTomas Beta\t*:Tomas Beta\tXYZGOV\ttest\t\n" +
                "C\tperson\tKim Gamma\t*:Kim Gamma\tXYZGOV\ttest\tq\n");
            File.WriteAllText(Path.Combine(directory.FullName, "given-names.tsv"), "name\tgender\nTomas\tm\nTomás\tm\n");
            var issues = KnowledgeBaseValidator.Validate([directory.FullName]).Select(i => i.Message).ToList();
            Assert.Contains(issues, m => m.Contains("gender 'q'", StringComparison.Ordinal));
            Assert.Contains(issues, m => m.Contains("listed twice", StringComparison.Ordinal));

            var loadIssues = new List<DictionaryIssue>();
            var knowledge = KnowledgeBaseFiles.Load([directory.FullName], loadIssues);
            Assert.Equal("f", knowledge.GenderOf("A"));
            Assert.Equal("m", knowledge.GenderOf("B"));
            Assert.Null(knowledge.GenderOf("C")); // rejected record
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
