using System.CommandLine;

namespace Lagebild.Cli.Commands;

/// <summary>--jobs N: how many articles are processed at once. Output order never depends on it.</summary>
internal static class JobsOption
{
    public static Option<int> Create()
    {
        var jobs = new Option<int>("--jobs", "-j")
        {
            Description = "Articles processed in parallel (default: the number of processors). Output keeps the input order.",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        jobs.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--jobs must be at least 1.");
            }
        });
        return jobs;
    }
}
