using System.Text.Json;
using Lagebild.Cli.Commands;
using Lagebild.Store;
using Lagebild.Store.Sqlite;
using Lagebild.Tests.Store;
using Microsoft.Data.Sqlite;

namespace Lagebild.Tests.Cli;

/// <summary>What ingest and analyze tell the user about binary, skipped, oversized and identified inputs.</summary>
public sealed class HostileInputCommandTests : IDisposable
{
    private const string Story = "Die Regierung in Wien berät über den Haushalt. Die Opposition kritisiert die Pläne scharf.";

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string Write(string name, byte[] content)
    {
        var path = _directory.File(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static byte[] Noise(int seed)
    {
        var bytes = new byte[100_000];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static long Count(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public void BinaryInputGivenByPathIsRefusedNamedAndNotStoredWhileTheRestGoesOn()
    {
        var noise = Write("noise.dat", Noise(seed: 3));
        var story = Write("story.txt", System.Text.Encoding.UTF8.GetBytes(Story));
        var database = _directory.File("store.db");

        var run = CliRunner.Run("ingest", noise, story, "--db", database, "--lang", "de");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{noise}: binary content", run.Error, StringComparison.Ordinal);
        Assert.Equal(1, Count(database, "SELECT count(*) FROM articles"));
        Assert.Equal(0, Count(database, $"SELECT count(*) FROM articles WHERE origin = '{noise}'"));

        var analyze = CliRunner.Run("analyze", noise, "--format", "json");
        Assert.Equal(1, analyze.ExitCode);
        Assert.Contains(noise, analyze.Error, StringComparison.Ordinal);
        Assert.Equal("[]", analyze.Output.Trim());
    }

    [Fact]
    public void IngestCountsSkippedFilesByReasonAndVerboseNamesThem()
    {
        Write("in/story.txt", System.Text.Encoding.UTF8.GetBytes(Story));
        var blob = Write("in/blob.bin", Noise(seed: 4));
        Write("in/picture.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var noise = Write("in/noise.txt", Noise(seed: 5));
        Write("in/empty.txt", []);

        var run = CliRunner.Run("ingest", _directory.File("in"), "--db", _directory.File("store.db"), "--lang", "de");
        Assert.Equal(0, run.ExitCode);
        var skippedLine = run.Output.Split('\n').Single(line => line.TrimStart().StartsWith("skipped files", StringComparison.Ordinal));
        Assert.EndsWith("4 (binary content 1, empty 1, not a text format 2)", skippedLine.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain(blob, run.Error, StringComparison.Ordinal);

        var verbose = CliRunner.Run("ingest", _directory.File("in"), "--db", _directory.File("verbose.db"), "--lang", "de", "--verbose");
        Assert.Contains($"skipped {blob}: not a text format", verbose.Error, StringComparison.Ordinal);
        Assert.Contains($"skipped {noise}: binary content", verbose.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnalyzeWritesTheOriginAndSplitsTextOverTheLimit()
    {
        var records = Write("records.jsonl", System.Text.Encoding.UTF8.GetBytes($"{{\"id\": \"apa-17\", \"text\": \"{Story}\"}}\n"));
        var paragraphs = string.Join("\n\n", Enumerable.Range(1, 40).Select(i => $"Absatz {i}: {Story}"));
        var large = Write("large.txt", System.Text.Encoding.UTF8.GetBytes(paragraphs));

        var run = CliRunner.Run("analyze", records, large, "--format", "json", "--max-article-size", "1KB", "--lang", "de");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var origins = json.RootElement.EnumerateArray().Select(a => a.GetProperty("origin").GetString()).ToList();
        Assert.Equal("apa-17", origins[0]);
        Assert.Equal(Enumerable.Range(1, origins.Count - 1).Select(n => $"{large}#part{n}"), origins.Skip(1));
        Assert.True(origins.Count > 3);
    }

    [Fact]
    public void AMalformedSizeIsAUsageError()
    {
        var run = CliRunner.Run("analyze", _directory.File("x.txt"), "--max-article-size", "zwei");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--max-article-size 'zwei'", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2MB", 2 * 1024 * 1024)]
    [InlineData("2 MiB", 2 * 1024 * 1024)]
    [InlineData("500KB", 500 * 1024)]
    [InlineData("1.5M", 1536 * 1024)]
    [InlineData("100000", 100000)]
    [InlineData("12", null)]
    [InlineData("5GB", null)]
    [InlineData("viel", null)]
    public void SizesAreReadAsUsersWriteThem(string text, int? bytes) =>
        Assert.Equal(bytes, InputOptionBinding.ParseSize(text));

    [Fact]
    public void TheStoreKeepsTheInputRecordsOwnId()
    {
        var records = Write("records.jsonl", System.Text.Encoding.UTF8.GetBytes($"{{\"id\": \"apa-17\", \"text\": \"{Story}\"}}\n"));
        var database = _directory.File("store.db");
        Assert.Equal(0, CliRunner.Run("ingest", records, "--db", database, "--lang", "de").ExitCode);

        using var store = SqliteArticleStore.Open(database);
        Assert.Equal(StoreSchema.LatestVersion, store.SchemaVersion);
        Assert.Equal(1, Count(database, "SELECT count(*) FROM articles WHERE input_id = 'apa-17'"));
    }
}
