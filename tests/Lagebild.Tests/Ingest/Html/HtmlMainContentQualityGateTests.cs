using Lagebild.Evaluation;
using Lagebild.Ingest;
using Lagebild.Ingest.Html;

namespace Lagebild.Tests.Ingest.Html;

/// <summary>
/// Quality gate: main-content extraction on the committed fixture pages (Fixtures/html/de|en/*.html, each with the article
/// text a reader would keep in *.expected.txt) must not fall below the recorded scores.
/// </summary>
public sealed class HtmlMainContentQualityGateTests
{
    /// <summary>Recorded when the extractor was written (it scored 1.0 on every page); lower it only with a reason.</summary>
    private const double MinimumShingleF1 = 0.97;

    private const double MinimumExactPageShare = 0.75;

    [Fact]
    public void FixturePagesScoreAtLeastTheRecordedMinimum()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "html");
        var pages = Directory.GetFiles(folder, "*.html", SearchOption.AllDirectories);
        Assert.True(pages.Length >= 4, "fixture pages are missing");

        var extractor = new HtmlMainContentExtractor();
        var average = new ShingleAverage();
        var exact = 0;
        foreach (var page in pages)
        {
            var expected = File.ReadAllText(Path.ChangeExtension(page, ".expected.txt"));
            var text = extractor.Extract(File.ReadAllText(page), page, InputOptions.Default).Article?.Text;
            average.Add(MainContentMetrics.CompareShingles(expected, text));
            exact += text == expected ? 1 : 0;
        }

        Assert.True(average.F1 >= MinimumShingleF1, $"shingle F1 {average.F1:F3} < {MinimumShingleF1}");
        Assert.True((double)exact / pages.Length >= MinimumExactPageShare, $"{exact} of {pages.Length} pages exact");
    }
}
