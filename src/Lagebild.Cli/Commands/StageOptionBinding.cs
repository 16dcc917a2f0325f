using System.CommandLine;

namespace Lagebild.Cli.Commands;

/// <summary>
/// --profile NAME and --skip-stages A,B (analyze, ingest): which of the engine's registered stages run. The choice
/// is checked before any input is read or any store is opened; an unknown name, or a stage left without a layer it
/// reads, is a usage error.
/// </summary>
internal sealed class StageOptionBinding
{
    public Option<string?> Profile { get; } = new("--profile")
    {
        Description = "Stages to run: " + string.Join("; ", Engine.Profiles.Select(p => $"{p.Name} ({p.Description})")) + ". Default: full.",
    };

    public Option<string[]> SkipStages { get; } = new("--skip-stages")
    {
        Description = "Stages to leave out, comma-separated, from: " + string.Join(", ", Engine.Registry.Select(r => r.Name))
            + ". Their sections of the output stay present but empty.",
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Profile);
        command.Options.Add(SkipStages);
    }

    /// <summary>The engine with the chosen stages, or false with a usage message naming the stage and what it misses.</summary>
    public bool TryCreateEngine(ParseResult result, IReadOnlyList<string> dictionaries, out Engine? engine, out string? error)
    {
        ArgumentNullException.ThrowIfNull(result);
        var skip = (result.GetValue(SkipStages) ?? [])
            .SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        var options = new EngineOptions { Dictionaries = dictionaries, Profile = result.GetValue(Profile), SkipStages = skip };
        if (Engine.TryCreate(options, out engine, out var problem))
        {
            error = null;
            return true;
        }

        error = $"--profile/--skip-stages: {problem}";
        return false;
    }
}
