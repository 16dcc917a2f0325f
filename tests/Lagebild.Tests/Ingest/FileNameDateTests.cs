using Lagebild.Ingest;

namespace Lagebild.Tests.Ingest;

public sealed class FileNameDateTests
{
    [Theory]
    [InlineData("samples/de-cnn-xi-lukaschenko-2023-03-01.txt", "2023-03-01")]
    [InlineData("/x/2019_12_31_report.html", "2019-12-31")]
    [InlineData("news.2024.02.29.txt", "2024-02-29")]
    [InlineData("news-2023-02-29.txt", null)]
    [InlineData("id-120230301.txt", null)]
    [InlineData("2023-03_01.txt", null)]
    [InlineData("plain.txt", null)]
    public void ReadsAnIsoDateFromTheFileName(string path, string? expected)
    {
        var date = ArticleReader.PublicationDateFromFileName(path);
        Assert.Equal(expected, date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void FileNameDateStandsInOnlyWhenTheContentHasNone()
    {
        var directory = Directory.CreateTempSubdirectory("lagebild-date-");
        try
        {
            var path = Path.Combine(directory.FullName, "story-2023-03-01.txt");
            File.WriteAllText(path, "Ein Titel\n\nDer Text der Meldung steht hier und ist lang genug für einen Absatz.\n");
            var article = Assert.Single(new ArticleReader().Read([path], InputOptions.Default)).Article!;
            Assert.Equal(new DateTimeOffset(2023, 3, 1, 0, 0, 0, TimeSpan.Zero), article.Metadata.Published);

            var given = new DateTimeOffset(2020, 1, 2, 0, 0, 0, TimeSpan.Zero);
            article = Assert.Single(new ArticleReader().Read([path], InputOptions.Default with { Published = given })).Article!;
            Assert.Equal(given, article.Metadata.Published);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
