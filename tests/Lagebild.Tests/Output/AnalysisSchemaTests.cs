using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Lagebild.Documents;
using Lagebild.Output;
using Lagebild.Pipeline;
using Lagebild.Tests.Cli;

namespace Lagebild.Tests.Output;

/// <summary>The analyze JSON must match docs/analysis.schema.json, the contract consumers build on.</summary>
public sealed class AnalysisSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(RepositoryPaths.AnalysisSchema)));

    private static readonly EvaluationOptions Strict = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    public static TheoryData<string> Inputs() => new()
    {
        RepositoryPaths.ReferenceArticle,
        RepositoryPaths.Fixture("Cli", "en-council-vote.txt"),
        RepositoryPaths.Fixture("Cli", "de-sonderzeichen.txt"),
        RepositoryPaths.Fixture("Cli", "one-word.txt"),
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void AnalyzeOutputMatchesTheSchema(string path)
    {
        foreach (var extra in new[] { Array.Empty<string>(), ["--tokens", "--published", "2023-03-01T08:30:00+01:00", "--lang", "de"] })
        {
            var run = CliRunner.Run(["analyze", path, "--format", "json", .. extra]);
            Assert.Equal(0, run.ExitCode);
            AssertValid(run.Output);
        }
    }

    [Fact]
    public void EveryRequiredKeyIsWrittenEvenWhenNoStageRan()
    {
        var context = new AnalysisPipeline([]).Run(new Article("", new ArticleMetadata(), "empty"));
        var json = ArticleJsonWriter.ToJson(context, includeTokens: true);

        AssertValid(json);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(ArticleJsonWriter.Keys, document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("tone").ValueKind);
        Assert.Equal(0, document.RootElement.GetProperty("entities").GetArrayLength());
    }

    [Fact]
    public void SchemaRequiresExactlyTheKeysTheWriterWrites()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.AnalysisSchema));
        var required = schema.RootElement.GetProperty("required").EnumerateArray().Select(e => e.GetString()!).ToList();
        var properties = schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Equal(ArticleJsonWriter.Keys.Order(StringComparer.Ordinal), required.Order(StringComparer.Ordinal));
        Assert.Equal(ArticleJsonWriter.Keys.Order(StringComparer.Ordinal), properties.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ContractExampleWithEveryLaterLayerIsValid()
    {
        AssertValid(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "specs", "contract", "full-article.json")));
    }

    [Theory]
    [InlineData("missing key", "/tone", null)]
    [InlineData("bad entity type", "/entities/0/type", "\"PERSON\"")]
    [InlineData("bad modality", "/events/0/modality", "\"likely\"")]
    [InlineData("quad class out of range", "/events/0/quad_class", "5")]
    [InlineData("unknown key", "/extra", "1")]
    [InlineData("negative offset", "/sentences/0/start", "-1")]
    [InlineData("bad date", "/published", "\"1. März 2023\"")]
    public void SchemaRejectsBrokenDocuments(string because, string pointer, string? replacement)
    {
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "specs", "contract", "full-article.json")))!;
        Edit(document, pointer, replacement);

        var result = Schema.Value.Evaluate(JsonDocument.Parse(document.ToJsonString()).RootElement, Strict);
        Assert.False(result.IsValid, because);
    }

    private static void Edit(JsonNode document, string pointer, string? replacement)
    {
        var parts = pointer.TrimStart('/').Split('/');
        var parent = document;
        foreach (var part in parts[..^1])
        {
            parent = int.TryParse(part, out var index) ? parent[index]! : parent[part]!;
        }

        var last = parts[^1];
        if (replacement is null)
        {
            parent.AsObject().Remove(last);
        }
        else if (int.TryParse(last, out var index))
        {
            parent[index] = JsonNode.Parse(replacement);
        }
        else
        {
            parent[last] = JsonNode.Parse(replacement);
        }
    }

    private static void AssertValid(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = Schema.Value.Evaluate(document.RootElement, Strict);
        if (!result.IsValid)
        {
            var errors = (result.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"));
            Assert.Fail("Schema violations:\n" + string.Join('\n', errors));
        }
    }
}
