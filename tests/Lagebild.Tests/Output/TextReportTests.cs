using Lagebild.Documents;
using Lagebild.Output;
using Lagebild.Pipeline;
using Lagebild.Text;

namespace Lagebild.Tests.Output;

public sealed class TextReportTests
{
    private sealed class GuessingStage : IStage
    {
        public string Name => "test.language.v2";

        public IReadOnlyList<LayerKey> Reads => [];

        public IReadOnlyList<LayerKey> Writes => [TextLayers.Language];

        public void Run(AnalysisContext context)
        {
            TextLayers.SetLanguage(context, new LanguageGuess("en", 0.876, "test"));
            context.Warn(Name, "odd\ncharacters", new Span(3, 4));
        }
    }

    [Fact]
    public void ReportShowsMetadataDetectedLanguageAndWarnings()
    {
        var metadata = new ArticleMetadata
        {
            Title = "Port reopens\nafter storm",
            Source = "Fixture Wire",
            Dateline = "ROTTERDAM",
            Published = new DateTimeOffset(2024, 5, 8, 9, 0, 0, TimeSpan.FromHours(2)),
        };
        var article = new Article("The port reopened on Wednesday.", metadata, "fixture.txt");
        var context = new AnalysisPipeline([new GuessingStage()]).Run(article);

        var report = TextReport.ToText(context);

        Assert.StartsWith("Port reopens after storm\n", report.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("published:  2024-05-08T09:00:00+02:00", report, StringComparison.Ordinal);
        Assert.Contains("language:   en (confidence 0.88, test)", report, StringComparison.Ordinal);
        Assert.Contains("dateline:   ROTTERDAM", report, StringComparison.Ordinal);
        Assert.Contains("stages:     test.language v2", report, StringComparison.Ordinal);
        Assert.Contains("warnings:   1 warning", report, StringComparison.Ordinal);
        Assert.Contains("- test.language.v2 at 3..7: odd characters", report, StringComparison.Ordinal);
        Assert.Contains("entities:   none", report, StringComparison.Ordinal);
        Assert.Contains("lead:       The port reopened on Wednesday.", report, StringComparison.Ordinal);
    }

    [Fact]
    public void LongLeadIsCutAtAWordBoundary()
    {
        var text = string.Join(' ', Enumerable.Repeat("Wort", 200));
        var context = new AnalysisPipeline([]).Run(new Article(text, new ArticleMetadata(), "long.txt"));

        var lead = TextReport.ToText(context).ReplaceLineEndings("\n").Split('\n').Single(l => l.StartsWith("lead:", StringComparison.Ordinal));

        Assert.EndsWith("Wort …", lead, StringComparison.Ordinal);
        Assert.True(lead.Length < 280, lead);
    }
}
