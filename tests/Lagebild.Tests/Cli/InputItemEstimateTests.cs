using Lagebild.Cli.Commands;
using Lagebild.Tests.Store;

namespace Lagebild.Tests.Cli;

public sealed class InputItemEstimateTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void CountsFilesAndJsonlLinesAndGivesUpOnStreamsItCannotCountCheaply()
    {
        var folder = Path.Combine(_directory.Path, "pages");
        Directory.CreateDirectory(Path.Combine(folder, "deeper"));
        File.WriteAllText(Path.Combine(folder, "a.html"), "<p>a</p>");
        File.WriteAllText(Path.Combine(folder, "deeper", "b.txt"), "b");
        var lines = _directory.File("news.jsonl");
        File.WriteAllText(lines, "{\"text\":\"eins\"}\n\n{\"text\":\"zwei\"}\n{\"text\":\"drei\"}\n");
        var single = _directory.File("one.txt");
        File.WriteAllText(single, "Ein Text.");

        Assert.Equal(6, InputItemEstimate.Count([folder, lines, single]));
        Assert.Null(InputItemEstimate.Count([single, "-"]));
        Assert.Null(InputItemEstimate.Count([_directory.File("crawl.warc.gz")]));
        Assert.Null(InputItemEstimate.Count([_directory.File("missing.txt")]));
    }
}
