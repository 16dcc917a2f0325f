using System.Text.Json;
using Lagebild.Cli;
using Lagebild.Ingest;
using Lagebild.Output;
using Lagebild.Pipeline;
using Lagebild.Store;
using Lagebild.Store.Sqlite;
using Lagebild.Tests.Store;
using Microsoft.Data.Sqlite;

namespace Lagebild.Tests.Cli;

public sealed class StoreCommandsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public StoreCommandsTests()
    {
        Database = _directory.File("test.db");
        Files =
        [
            Write("xi.txt", "Xi Jinping empfängt Lukaschenko in Peking. Beide versprechen, die Beziehungen zu vertiefen."),
            Write("wien.txt", "Die Regierung in Österreich berät über den Haushalt. Die Opposition kritisiert, dass \"zu wenig\" geschieht."),
            Write("minsk.txt", "In Minsk, so heißt es, gab es Proteste; die Polizei griff ein.\nViele wurden festgenommen."),
        ];
    }

    private string Database { get; }

    private string[] Files { get; }

    public void Dispose() => _directory.Dispose();

    private string Write(string name, string text)
    {
        var path = _directory.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Status, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var status = Program.Run(args, output, error);
        return (status, output.ToString(), error.ToString());
    }

    private (int Status, string Output, string Error) Ingest(params string[] extra) =>
        Run(["ingest", .. Files, "--db", Database, "--lang", "de", "--published", "2023-03-01T12:00:00Z", .. extra]);

    private static long SummaryCount(string summary, string label)
    {
        // The count is the last field of the line whose label (which explains it) starts with the given words.
        var line = summary.Split('\n').Single(line => line.TrimStart().StartsWith(label, StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void IngestStoresEveryArticleAndARerunFindsThemPresent()
    {
        var first = Ingest();
        Assert.Equal(0, first.Status);
        Assert.Equal(3, SummaryCount(first.Output, "new articles"));
        Assert.Equal(0, SummaryCount(first.Output, "failed"));

        var second = Ingest();
        Assert.Equal(0, second.Status);
        Assert.Equal(0, SummaryCount(second.Output, "new articles"));
        Assert.Equal(3, SummaryCount(second.Output, "unchanged"));
        using var store = SqliteArticleStore.Open(Database);
        Assert.Equal(3, store.CountArticles());
    }

    [Fact]
    public void TheSameContentTwiceInOneRunIsAnalysedAndStoredOnce()
    {
        var copy = Write("copy.txt", File.ReadAllText(Files[0]).ToUpperInvariant());
        var result = Run("ingest", Files[0], copy, Files[1], "--db", Database, "--jobs", "2");
        Assert.Equal(0, result.Status);
        Assert.Equal(3, SummaryCount(result.Output, "items read"));
        Assert.Equal(2, SummaryCount(result.Output, "new articles"));
        Assert.Equal(1, SummaryCount(result.Output, "unchanged"));

        // Across batches too: the copy's batch is decided while the original's batch is still being written.
        var oneByOne = Run("ingest", Files[0], copy, Files[1], "--db", _directory.File("batches.db"), "--batch", "1");
        Assert.Equal(0, oneByOne.Status);
        Assert.Equal(2, SummaryCount(oneByOne.Output, "new articles"));
        Assert.Equal(1, SummaryCount(oneByOne.Output, "unchanged"));
    }

    [Fact]
    public void IngestNamesFailedItemsAndExitsWithOne()
    {
        var missing = _directory.File("missing.txt");
        var result = Run("ingest", Files[0], missing, "--db", Database);
        Assert.Equal(1, result.Status);
        Assert.Contains(missing, result.Error, StringComparison.Ordinal);
        Assert.Equal(1, SummaryCount(result.Output, "new articles"));
        Assert.Equal(1, SummaryCount(result.Output, "failed"));
    }

    [Fact]
    public void IngestUsageErrorsExitWithTwo()
    {
        Assert.Equal(2, Run("ingest", Files[0], "--db", Database, "--published", "gestern").Status);
        Assert.Equal(2, Run("ingest", Files[0], "--db", Database, "--batch", "0").Status);
        Assert.Equal(2, Run("ingest", "--db", Database).Status);
        Assert.False(File.Exists(Database));
    }

    [Fact]
    public void AStorageFailureMidRunLosesOnlyTheBatchInFlightAndARerunCompletesIt()
    {
        using (var store = SqliteArticleStore.Open(Database))
        {
            using var command = store.Connection.CreateCommand();
            command.CommandText = "CREATE TRIGGER sabotage BEFORE INSERT ON articles WHEN new.text LIKE 'In Minsk%' BEGIN SELECT RAISE(ABORT, 'simulated crash'); END";
            command.ExecuteNonQuery();
        }

        // Batches of two: the first (xi, wien) commits, the second (minsk) fails.
        var crashed = Ingest("--batch", "2");
        Assert.Equal(1, crashed.Status);
        Assert.Contains("simulated crash", crashed.Error, StringComparison.Ordinal);
        Assert.Equal(2, SummaryCount(crashed.Output, "new articles"));

        using (var connection = new SqliteConnection($"Data Source={Database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER sabotage";
            command.ExecuteNonQuery();
        }

        var rerun = Ingest("--batch", "2");
        Assert.Equal(0, rerun.Status);
        Assert.Equal(1, SummaryCount(rerun.Output, "new articles"));
        Assert.Equal(2, SummaryCount(rerun.Output, "unchanged"));
        using var reopened = SqliteArticleStore.Open(Database);
        Assert.Equal(3, reopened.CountArticles());
    }

    [Fact]
    public void QueryPrintsEveryFormat()
    {
        Assert.Equal(0, Ingest().Status);

        var table = Run("query", "articles", "--db", Database);
        Assert.Equal(0, table.Status);
        var lines = table.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches("^id +published +source +language +title +sentences +urls$", lines[0]);
        Assert.Equal("(3 rows)", lines[^1]);
        Assert.Equal(6, lines.Length);

        var json = Run("query", "articles", "--db", Database, "--format", "json");
        using (var document = JsonDocument.Parse(json.Output))
        {
            Assert.Equal(3, document.RootElement.GetArrayLength());
            Assert.Equal("de", document.RootElement[0].GetProperty("language").GetString());
            Assert.True(document.RootElement[0].GetProperty("sentences").GetInt32() >= 1);
        }

        var jsonl = Run("query", "articles", "--db", Database, "--format", "jsonl", "--limit", "2");
        var jsonLines = jsonl.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, jsonLines.Length);
        Assert.All(jsonLines, line => JsonDocument.Parse(line).Dispose());

        var csv = Run("query", "articles", "--db", Database, "--format", "csv");
        var records = csv.Output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,published,source,language,title,url,sentences,characters,urls,dateline,author,origin,ingested_at", records[0]);
        Assert.Equal(4, records.Length);

        var empty = Run("query", "events", "--db", Database, "--format", "json");
        Assert.Equal(0, empty.Status);
        Assert.Equal("[]", empty.Output.Trim());
    }

    [Fact]
    public void QueryFiltersByTextAndDate()
    {
        Assert.Equal(0, Ingest().Status);
        var byText = Run("query", "articles", "--db", Database, "--text", "osterreich", "--format", "jsonl");
        Assert.Single(byText.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        // A bare --to date includes the whole day.
        Assert.Equal(3, CountJsonl(Run("query", "articles", "--db", Database, "--to", "2023-03-01", "--format", "jsonl").Output));
        Assert.Equal(0, CountJsonl(Run("query", "articles", "--db", Database, "--from", "2023-03-02", "--format", "jsonl").Output));
        Assert.Equal(3, CountJsonl(Run("query", "articles", "--db", Database, "--from", "2023-03-01T12:00:00Z", "--to", "2023-03-01T12:00:00Z", "--format", "jsonl").Output));
    }

    [Fact]
    public void AMalformedTextQueryIsAUsageErrorWithAMessage()
    {
        Assert.Equal(0, Ingest().Status);
        var result = Run("query", "articles", "--db", Database, "--text", "\"Peking");
        Assert.Equal(2, result.Status);
        Assert.Equal("lagebild query: --text: cannot read the text query '\"Peking': the quote at position 1 is not closed.\n", result.Error.ReplaceLineEndings("\n"));
        Assert.Empty(result.Output);

        var onlyExclusion = Run("query", "articles", "--db", Database, "--text", "NOT Peking");
        Assert.Equal(2, onlyExclusion.Status);
        Assert.Contains("NOT needs a word to keep", onlyExclusion.Error, StringComparison.Ordinal);

        Assert.Equal(2, Run("export", "jsonl", "--out", _directory.File("x.jsonl"), "--db", Database, "--text", "AND").Status);
        Assert.False(File.Exists(_directory.File("x.jsonl")));
        Assert.Equal(2, Run("query", "articles", "--db", Database, "--from", "März").Status);
        Assert.Equal(2, Run("query", "articles", "--db", Database, "--actor", "CHN GOV").Status);
        Assert.Equal(2, Run("query", "nonsense", "--db", Database).Status);
    }

    [Fact]
    public void UnknownChoicesAreNamedInPlainWordsWithoutInternalTypeNames()
    {
        var query = Run("query", "nonsense", "--db", Database);
        Assert.Equal(2, query.Status);
        Assert.Contains("what to list 'nonsense' is not one of: articles, events, entities, quotes.", query.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Lagebild.", query.Error, StringComparison.Ordinal);

        var format = Run("query", "articles", "--db", Database, "--format", "xml");
        Assert.Equal(2, format.Status);
        Assert.Contains("--format 'xml' is not one of: table, json, jsonl, csv.", format.Error, StringComparison.Ordinal);

        var export = Run("export", "yaml", "--out", _directory.File("x.yaml"), "--db", Database);
        Assert.Equal(2, export.Status);
        Assert.DoesNotContain("Lagebild.", export.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Database));
    }

    [Fact]
    public void IngestCreatesNoStoreWhenNoInputCouldBeOpened()
    {
        var missing = _directory.File("does-not-exist");
        var result = Run("ingest", missing, "--db", Database);
        Assert.Equal(1, result.Status);
        Assert.Contains(missing, result.Error, StringComparison.Ordinal);
        Assert.Contains("nothing stored", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Database));
        Assert.Empty(Directory.GetFiles(_directory.Path, "test.db*"));
    }

    [Fact]
    public void IngestSummarySaysWhatEachNumberMeans()
    {
        var noUrl = Ingest();
        Assert.Equal(0, noUrl.Status);
        // Plain-text files carry no URL: three new articles, no URLs, and the summary says both in words.
        Assert.Equal(3, SummaryCount(noUrl.Output, "new articles, analysed and stored"));
        Assert.Equal(0, SummaryCount(noUrl.Output, "URLs recorded for the first time"));
        Assert.Equal(3, SummaryCount(noUrl.Output, "articles now in the store"));
        Assert.Equal(0, SummaryCount(noUrl.Output, "unchanged (already stored, not analysed again)"));
        Assert.DoesNotContain("stored new", noUrl.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void APostgresUrlIsAClearNotSupportedErrorAndTouchesNothing()
    {
        var query = Run("query", "articles", "--db", "postgres://localhost/news");
        Assert.Equal(1, query.Status);
        Assert.Contains("PostgreSQL stores ('postgres://...') are not supported yet", query.Error, StringComparison.Ordinal);

        var ingest = Run("ingest", Files[0], "--db", "postgresql://user@localhost/news");
        Assert.Equal(1, ingest.Status);
        Assert.Contains("not supported yet", ingest.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("ingested into", ingest.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingStoreIsAnErrorForQueryAndExport()
    {
        var missing = _directory.File("nothing.db");
        var query = Run("query", "articles", "--db", missing);
        Assert.Equal(1, query.Status);
        Assert.Contains("no store", query.Error, StringComparison.Ordinal);
        Assert.Equal(1, Run("export", "csv", "--out", _directory.File("x.csv"), "--db", missing).Status);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public void ExportedJsonlIsExactlyTheContractAnalysisWrites()
    {
        Assert.Equal(0, Ingest().Status);
        var outPath = _directory.File("out.jsonl");
        var export = Run("export", "jsonl", "--out", outPath, "--db", Database);
        Assert.Equal(0, export.Status);
        Assert.Contains("exported 3 articles", export.Output, StringComparison.Ordinal);

        var inputOptions = new InputOptions { Language = "de", Published = new DateTimeOffset(2023, 3, 1, 12, 0, 0, TimeSpan.Zero) };
        var analysisOptions = new AnalysisOptions { ForcedLanguage = "de", Published = inputOptions.Published };
        var pipeline = Engine.Create().Pipeline;
        var expected = new ArticleReader().Read(Files, inputOptions)
            .Select(item => ArticleJsonWriter.ToJson(pipeline.Run(item.Article!, analysisOptions), indented: false))
            .ToList();
        Assert.Equal(expected, File.ReadAllText(outPath).Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var toStdout = Run("export", "jsonl", "--out", "-", "--db", Database, "--text", "Minsk");
        Assert.Equal(expected[2] + "\n", toStdout.Output);
        Assert.Contains("exported 1 articles", toStdout.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportedCsvHasOneRowPerArticle()
    {
        Assert.Equal(0, Ingest().Status);
        var outPath = _directory.File("out.csv");
        Assert.Equal(0, Run("export", "csv", "--out", outPath, "--db", Database).Status);
        var records = File.ReadAllText(outPath).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, records.Length);
        Assert.StartsWith("id,", records[0], StringComparison.Ordinal);
        Assert.False(File.Exists(outPath + ".partial"));

        Assert.Equal(0, Run("export", "csv", "--rows", "events", "--out", outPath, "--db", Database).Status);
        Assert.StartsWith("article,published,event,source", File.ReadAllText(outPath), StringComparison.Ordinal);
        Assert.Equal(2, Run("export", "jsonl", "--rows", "events", "--out", outPath, "--db", Database).Status);
    }

    private static int CountJsonl(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

    [Fact]
    public void LinkedEntitiesAreStoredAndQueryableByActor()
    {
        Assert.Equal(0, Ingest().Status);
        var (status, output, error) = Run("query", "entities", "--db", Database, "--actor", "BLR", "--format", "csv", "--limit", "0");
        Assert.True(status == 0, error);
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Contains(rows, row => row.Contains(",Lukaschenko,PER,BLRGOV,", StringComparison.Ordinal));
        Assert.All(rows, row => Assert.Contains(",BLR", row, StringComparison.Ordinal));

        var chinese = Run("query", "entities", "--db", Database, "--actor", "CHNGOV", "--format", "jsonl", "--limit", "0").Output;
        Assert.Contains("Xi Jinping", chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void UserDictionariesLinkNamesTheShippedKnowledgeBaseLacksAndChangingThemReanalyses()
    {
        var dictionaries = Path.Combine(Path.GetDirectoryName(Database)!, "dictionaries");
        Directory.CreateDirectory(dictionaries);
        File.WriteAllText(Path.Combine(dictionaries, "local.actors.txt"), "ERIKA_MUSTERFRAU_\n+MUSTERFRAU_\n\t[DEUGOV >20200101]\nBROKEN_\n\t[DEUGOV 2020-01-01]\n");
        var story = Write("musterfrau.txt", "Erika Musterfrau trifft in Berlin den Botschafter. Musterfrau sagte, man sei sich einig.");
        var (status, _, error) = Run("ingest", story, "--db", Database, "--lang", "de", "--published", "2023-03-01", "--dictionaries", dictionaries);
        Assert.Equal(0, status);
        Assert.Contains("local.actors.txt:5", error, StringComparison.Ordinal);

        var rows = Run("query", "entities", "--db", Database, "--actor", "DEUGOV", "--format", "csv").Output;
        Assert.Contains(",Erika Musterfrau,PER,DEUGOV,", rows, StringComparison.Ordinal);

        // The same story again with the same dictionaries is already present; with changed ones it is analysed anew.
        var again = Run("ingest", story, "--db", Database, "--lang", "de", "--published", "2023-03-01", "--dictionaries", dictionaries);
        Assert.Equal(1, SummaryCount(again.Output, "unchanged"));
        File.AppendAllText(Path.Combine(dictionaries, "local.actors.txt"), "MAX_MUSTERMANN_\n\t[DEUGOV]\n");
        var changed = Run("ingest", story, "--db", Database, "--lang", "de", "--published", "2023-03-01", "--dictionaries", dictionaries);
        Assert.Equal(1, SummaryCount(changed.Output, "re-analysed"));
        var without = Run("ingest", story, "--db", Database, "--lang", "de", "--published", "2023-03-01");
        Assert.Equal(1, SummaryCount(without.Output, "re-analysed"));
        Assert.DoesNotContain(",Erika Musterfrau,PER,DEUGOV,", Run("query", "entities", "--db", Database, "--actor", "DEUGOV", "--format", "csv").Output, StringComparison.Ordinal);

        var missing = Run("analyze", story, "--dictionaries", Path.Combine(dictionaries, "nowhere"));
        Assert.Equal(2, missing.Status);
        Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);
    }
}
