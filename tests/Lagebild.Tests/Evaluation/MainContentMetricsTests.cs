using Lagebild.Evaluation;

namespace Lagebild.Tests.Evaluation;

public sealed class ExtractionMetricsTests
{
    [Fact]
    public void WordTokensAreUnicodeLetterAndDigitRuns()
    {
        Assert.Equal(["Größe", "3", "5", "m", "snake_case", "東京"], MainContentMetrics.WordTokens("Größe: 3,5 m — snake_case 東京!"));
    }

    [Fact]
    public void IdenticalTextsScorePerfectly()
    {
        var score = MainContentMetrics.CompareShingles("one two three four five six", "one two three four five six");

        Assert.Equal(1, score.Precision);
        Assert.Equal(1, score.Recall);
        Assert.Equal(3, score.TruePositives);
    }

    [Fact]
    public void ExtraAndMissingTextLowerPrecisionAndRecall()
    {
        // truth shingles: a-b-c-d, b-c-d-e; predicted: a-b-c-d, b-c-d-x, c-d-x-y
        var score = MainContentMetrics.CompareShingles("a b c d e", "a b c d x y");

        Assert.Equal(1, score.TruePositives);
        Assert.Equal(2, score.FalsePositives);
        Assert.Equal(1, score.FalseNegatives);
        Assert.Equal(1.0 / 3, score.Precision, 6);
        Assert.Equal(0.5, score.Recall, 6);
    }

    [Fact]
    public void ShortTextsAreOneShingle()
    {
        Assert.Single(MainContentMetrics.Shingles("just three words"));
        Assert.Empty(MainContentMetrics.Shingles("  ... "));
        Assert.Equal(0, MainContentMetrics.CompareShingles("some real text here", null).Recall);
    }

    [Fact]
    public void AveragesPerDocumentThenTakesF1()
    {
        var average = new ShingleAverage();
        average.Add(new ShingleScore(1.0, 0.5, 0, 0, 0));
        average.Add(new ShingleScore(0.5, 1.0, 0, 0, 0));

        Assert.Equal(0.75, average.Precision, 6);
        Assert.Equal(0.75, average.Recall, 6);
        Assert.Equal(0.75, average.F1, 6);
    }

    [Fact]
    public void SnippetsMatchWithCollapsedWhitespace()
    {
        var counts = MainContentMetrics.CountSnippets("Der erste Satz.\n\nDer  zweite\nSatz.", ["erste Satz", "zweite Satz.", "fehlt"], ["Impressum", "erste"]);

        Assert.Equal(new SnippetCounts(2, 1, 1, 1), counts);
        Assert.Equal(2.0 / 3, counts.Precision, 6);
        Assert.Equal(2.0 / 3, counts.Recall, 6);
    }

    [Fact]
    public void NothingExtractedMissesEveryWantedSnippet()
    {
        var counts = MainContentMetrics.CountSnippets(null, ["a", "b"], ["c"]);

        Assert.Equal(new SnippetCounts(0, 2, 0, 1), counts);
    }
}
