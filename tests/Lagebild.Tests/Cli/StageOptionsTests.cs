using System.Text.Json;
using Lagebild.Tests.Store;
using Microsoft.Data.Sqlite;

namespace Lagebild.Tests.Cli;

/// <summary>--profile and --skip-stages on analyze and ingest.</summary>
public sealed class StageOptionsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void AnalyzeWithAnInconsistentChoiceIsAUsageErrorNamingTheStageAndTheLayer()
    {
        var run = CliRunner.Run("analyze", RepositoryPaths.ReferenceArticle, "--skip-stages", "morphology");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Contains("stage 'parser' needs layer 'morphology', but it is written by stage 'morphology', which was left out.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnalyzeSkipsTheNamedStagesAndKeepsEveryKey()
    {
        var run = CliRunner.Run("analyze", RepositoryPaths.ReferenceArticle, "--format", "json", "--skip-stages", "entities,linking", "--skip-stages", "coreference");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(["text.language", "text.sentences", "text.tokens", "nlp.morphology", "nlp.parser"], json.RootElement.GetProperty("stages").EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, json.RootElement.GetProperty("entities").GetArrayLength());
        Assert.True(json.RootElement.GetProperty("sentences").GetArrayLength() > 0);
    }

    [Fact]
    public void IngestWithAnUnknownProfileTouchesNoStore()
    {
        var database = _directory.File("none.db");

        var run = CliRunner.Run("ingest", RepositoryPaths.ReferenceArticle, "--db", database, "--profile", "quick");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown profile 'quick'; profiles: full, nlp, fast, text.", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(database));
    }

    [Fact]
    public void AnArticleStoredWithAProfileIsAnalysedAgainByTheFullPipeline()
    {
        var database = _directory.File("profile.db");

        Assert.Equal(0, CliRunner.Run("ingest", RepositoryPaths.ReferenceArticle, "--db", database, "--profile", "text").ExitCode);
        var (textSignature, textEntities) = Stored(database);
        Assert.Equal(3, textSignature.Split(' ').Length);
        Assert.Equal(0, textEntities);

        Assert.Equal(0, CliRunner.Run("ingest", RepositoryPaths.ReferenceArticle, "--db", database).ExitCode);
        var (fullSignature, fullEntities) = Stored(database);
        Assert.Equal(Engine.Registry.Count, fullSignature.Split(' ').Length);
        Assert.True(fullEntities > 0);
    }

    /// <summary>The stored pipeline signature of the one article and its count of entity rows.</summary>
    private static (string Signature, long Entities) Stored(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT pipeline, (SELECT count(*) FROM entities) FROM articles";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        var result = (reader.GetString(0), reader.GetInt64(1));
        Assert.False(reader.Read());
        return result;
    }
}
