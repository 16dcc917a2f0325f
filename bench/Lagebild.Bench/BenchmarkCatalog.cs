namespace Lagebild.Bench;

/// <summary>
/// Every benchmark class, listed explicitly: BenchmarkDotNet's switcher offers these, and a unit test runs each
/// once in-process (<see cref="BenchmarkDryRun"/>) so none can rot. Add one line per new class.
/// </summary>
public static class BenchmarkCatalog
{
    public static IReadOnlyList<Type> All { get; } =
    [
        typeof(PipelineBenchmarks),
        typeof(OutputBenchmarks),
        typeof(SegmentationBenchmarks),
        typeof(HtmlMainContentBenchmarks),
    ];
}
