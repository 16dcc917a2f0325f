using System.Globalization;
using Lagebild.Evaluation;

namespace Lagebild.Tests.Evaluation;

/// <summary>
/// Quality gate on the hand-annotated actor development set (tests/Lagebild.Tests/Data/actors-dev, issue 10). The
/// annotations are committed; the article texts are eval-only data under ../shared/data/news, so the gate passes
/// without scoring on a machine that lacks ../shared. The minimums are the figures after issue 10's recogniser
/// reconciliation, evidence rules, datelines and locative lists (branch actors-text), a little rounded down: raise them
/// as work lands (goals: name recall 0.90, link precision 0.95, link recall 0.80 in both languages). German link recall
/// is below the figure before issue 10 (0.353 with dates): one-word surname links to imported officials were dropped
/// for precision (they made "Juni", "Grad" and "NOTE" officials). English figures are on all 20 annotated articles.
/// </summary>
public sealed class MentionQualityGateTests
{
    private static readonly Lazy<Engine> SharedEngine = new(() => Engine.Create());

    private static string GoldDirectory => Path.Combine(RepositoryPaths.Root, "tests", "Lagebild.Tests", "Data", "actors-dev");

    private static string NewsDirectory => Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "data", "news"));

    // language, dates on, name recall, link precision, link recall
    public static TheoryData<string, bool, double, double, double> Minimums() => new()
    {
        { "de", true, 0.90, 0.96, 0.52 },
        { "de", false, 0.90, 0.96, 0.52 },
        { "en", true, 0.90, 0.95, 0.52 },
        { "en", false, 0.90, 0.95, 0.52 },
    };

    [Theory]
    [MemberData(nameof(Minimums))]
    public void FiguresStayAboveRecordedMinimum(string language, bool withDates, double nameRecall, double linkPrecision, double linkRecall)
    {
        if (!Directory.Exists(NewsDirectory))
        {
            return; // no ../shared here: nothing to score against
        }

        var gold = ReadGold(language);
        var equivalents = ActorCodeEvaluation.ReadEquivalents(SharedEngine.Value.Data.Resolve("shared", "knowledge", "code-equivalents.tsv"));
        var run = new MentionEvaluation(SharedEngine.Value.Pipeline, NewsDirectory, equivalents).Run(gold, withDates);

        Assert.Empty(run.Errors);
        var tally = run.Tally;
        var figures = tally.FormatFigures();
        Assert.True(tally.NameRecall >= nameRecall, $"{language} dates {withDates}: name recall fell below {nameRecall}: {figures}");
        Assert.True(tally.LinkPrecision >= linkPrecision, $"{language} dates {withDates}: link precision fell below {linkPrecision}: {figures}");
        Assert.True(tally.LinkRecall >= linkRecall, $"{language} dates {withDates}: link recall fell below {linkRecall}: {figures}");
    }

    [Theory]
    [InlineData("de")]
    [InlineData("en")]
    public void AnnotationsAreWellFormed(string language)
    {
        var results = MentionGoldReader.ReadDirectory(GoldDirectory, language);

        Assert.True(results.Count >= 15, $"{results.Count} {language} articles");
        foreach (var (path, article, error) in results)
        {
            Assert.True(article is not null, $"{path}: {error}");
            Assert.Equal(Path.GetFileNameWithoutExtension(path), article.Id);
            Assert.NotEmpty(article.Mentions);
            for (var i = 1; i < article.Mentions.Count; i++)
            {
                var (previous, next) = (article.Mentions[i - 1], article.Mentions[i]);
                Assert.True(previous.End <= next.Start, string.Create(CultureInfo.InvariantCulture, $"{article.Id}: '{previous.Text}' and '{next.Text}' overlap or are out of order"));
            }

            Assert.All(article.Mentions.Where(m => m.Kind == GoldMentionKind.Actor), m => Assert.NotNull(m.Country));
            Assert.All(article.Mentions.Where(m => m.Country is not null), m => Assert.Matches("^[A-Z]{3}$", m.Country!));
        }
    }

    private static List<GoldArticle> ReadGold(string language)
    {
        var results = MentionGoldReader.ReadDirectory(GoldDirectory, language);
        Assert.All(results, r => Assert.True(r.Article is not null, $"{r.Path}: {r.Error}"));
        return [.. results.Select(r => r.Article!)];
    }
}
