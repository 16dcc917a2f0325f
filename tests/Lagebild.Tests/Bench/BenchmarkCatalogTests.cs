using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using Lagebild.Bench;

namespace Lagebild.Tests.Bench;

/// <summary>Every benchmark runs once, in-process and without measuring, so none rots between measurements.</summary>
public sealed class BenchmarkCatalogTests
{
    public static TheoryData<string> BenchmarkTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in BenchmarkCatalog.All)
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BenchmarkTypes))]
    public void BenchmarkRunsOnce(string typeName)
    {
        var type = BenchmarkCatalog.All.Single(t => t.FullName == typeName);

        var invoked = BenchmarkDryRun.Run(type);

        var declared = type.GetMethods().Count(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null);
        Assert.True(invoked.Count >= declared, $"{typeName}: ran {invoked.Count} of at least {declared} benchmarks");
    }

    [Fact]
    public void CatalogListsEveryBenchmarkClass()
    {
        // The catalog is an explicit list; this catches a class that was written but not added to it.
        var withBenchmarks = typeof(BenchmarkCatalog).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
            .Select(t => t.FullName)
            .Order(StringComparer.Ordinal);

        Assert.Equal(withBenchmarks, BenchmarkCatalog.All.Select(t => t.FullName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DryRunIsActiveOnlyDuringTheRun()
    {
        Assert.False(BenchmarkDryRun.Active);
        DryRunProbe.SeenActive = false;
        BenchmarkDryRun.Run(typeof(DryRunProbe));
        Assert.True(DryRunProbe.SeenActive);
        Assert.False(BenchmarkDryRun.Active);
    }

    [Fact]
    public void DryRunCoversEveryParamsValue()
    {
        var invoked = BenchmarkDryRun.Run(typeof(OutputBenchmarks));

        Assert.Contains("OutputBenchmarks.WriteJson(IncludeTokens=True)", invoked);
        Assert.Contains("OutputBenchmarks.WriteJson(IncludeTokens=False)", invoked);
    }

    [Fact]
    public void ThroughputRunsOverJsonlFilesAndReportsMedians()
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);

        var exitCode = ThroughputCommand.Run(
            ["--data", Path.Combine(AppContext.BaseDirectory, "Fixtures", "Bench", "news"), "--repeat", "1", "--baseline"], output, error);

        Assert.Equal(0, exitCode);
        Assert.Contains("2 articles", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("articles/s", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("ratio:", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("mini.jsonl#4", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void MemoryReportsEachModelAndBothLanguages()
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);

        Assert.Equal(0, MemoryCommand.Run(output));

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var step in new[] { "de tagger", "de parser", "de ner", "en tagger", "en parser", "en ner", "first de article", "first en article" })
        {
            var line = Assert.Single(lines, l => l.StartsWith(step, StringComparison.Ordinal));
            Assert.Contains("resident", line, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--repeat", "0")]
    [InlineData("--limit", "many")]
    [InlineData("--unknown")]
    [InlineData("--data")]
    public void ThroughputRejectsBadOptions(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);

        Assert.Equal(2, ThroughputCommand.Run(args, output, error));
        Assert.NotEqual("", error.ToString());
    }
}

/// <summary>Not in the catalog (it lives in the test assembly): records what a benchmark sees during a dry run.</summary>
public class DryRunProbe
{
    public static bool SeenActive { get; set; }

    [GlobalSetup]
    public void Setup() => SeenActive = BenchmarkDryRun.Active;

    [Benchmark]
    public bool Probe() => SeenActive;
}
