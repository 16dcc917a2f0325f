using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Lagebild.Bench;

/// <summary>
/// Runs a benchmark class once, in this process, without BenchmarkDotNet's measurement: global setup, each
/// [Benchmark] method for each combination of [Params] values, global cleanup. Used by the unit tests so that a
/// benchmark which throws or no longer builds its inputs is caught before anyone measures with it.
/// Supports [Params], [GlobalSetup]/[GlobalCleanup], [IterationSetup]/[IterationCleanup] and [Arguments].
/// </summary>
public static class BenchmarkDryRun
{
    private static readonly AsyncLocal<bool> Running = new();

    /// <summary>
    /// True while a benchmark runs under this dry run. A benchmark whose inputs can come from large optional data
    /// (../shared) takes its small committed inputs (samples/) instead, so the unit tests stay fast and independent
    /// of ../shared.
    /// </summary>
    public static bool Active => Running.Value;

    /// <summary>Returns one line per benchmark invocation, e.g. "OutputBenchmarks.WriteJson(IncludeTokens=True)".</summary>
    public static IReadOnlyList<string> Run(Type benchmarkType)
    {
        ArgumentNullException.ThrowIfNull(benchmarkType);
        var methods = benchmarkType.GetMethods(BindingFlags.Public | BindingFlags.Instance);
        var benchmarks = methods.Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null).ToList();
        if (benchmarks.Count == 0)
        {
            throw new InvalidOperationException($"{benchmarkType.Name} has no [Benchmark] method.");
        }

        var invoked = new List<string>();
        Running.Value = true;
        try
        {
            RunCombinations(benchmarkType, methods, benchmarks, invoked);
        }
        finally
        {
            Running.Value = false;
        }

        return invoked;
    }

    private static void RunCombinations(Type benchmarkType, MethodInfo[] methods, List<MethodInfo> benchmarks, List<string> invoked)
    {
        foreach (var parameters in ParameterCombinations(benchmarkType))
        {
            var instance = Activator.CreateInstance(benchmarkType)
                ?? throw new InvalidOperationException($"Cannot create {benchmarkType.Name}.");
            foreach (var (property, value) in parameters)
            {
                property.SetValue(instance, value);
            }

            InvokeAll<GlobalSetupAttribute>(methods, instance);
            foreach (var benchmark in benchmarks)
            {
                foreach (var arguments in ArgumentSets(benchmark))
                {
                    InvokeAll<IterationSetupAttribute>(methods, instance);
                    benchmark.Invoke(instance, arguments);
                    InvokeAll<IterationCleanupAttribute>(methods, instance);
                    var described = string.Join(", ", parameters.Select(p => $"{p.Property.Name}={p.Value}").Concat(arguments.Select(a => $"{a}")));
                    invoked.Add($"{benchmarkType.Name}.{benchmark.Name}({described})");
                }
            }

            InvokeAll<GlobalCleanupAttribute>(methods, instance);
        }
    }

    private static void InvokeAll<TAttribute>(MethodInfo[] methods, object instance)
        where TAttribute : Attribute
    {
        foreach (var method in methods.Where(m => m.GetCustomAttribute<TAttribute>() is not null))
        {
            var result = method.Invoke(instance, null);
            if (result is Task task)
            {
                task.GetAwaiter().GetResult();
            }
        }
    }

    private static IEnumerable<object?[]> ArgumentSets(MethodInfo benchmark)
    {
        var sets = benchmark.GetCustomAttributes<ArgumentsAttribute>().Select(a => a.Values).ToList();
        return sets.Count == 0 ? [[]] : sets;
    }

    private static List<List<(PropertyInfo Property, object? Value)>> ParameterCombinations(Type type)
    {
        var combinations = new List<List<(PropertyInfo, object?)>> { new() };
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<ParamsAttribute>() is not { } values)
            {
                continue;
            }

            combinations = combinations
                .SelectMany(existing => values.Values.Select(value => new List<(PropertyInfo, object?)>(existing) { (property, value) }))
                .ToList();
        }

        return combinations;
    }
}
