namespace Lagebild;

/// <summary>
/// How a training or evaluation recipe ended: done; refused before any work for a reason the user can fix (an
/// option out of range, a missing file), nothing written; or stopped because an input file could not be read.
/// Front ends show the problem in plain words.
/// </summary>
public sealed record RecipeOutcome
{
    private RecipeOutcome(string? problem, bool inputFailed)
    {
        Problem = problem;
        InputFailed = inputFailed;
    }

    public static RecipeOutcome Done { get; } = new(null, false);

    /// <summary>What went wrong, in plain words; null when the recipe ran.</summary>
    public string? Problem { get; }

    /// <summary>Whether the problem is an input that could not be read (malformed data) rather than a wrong option.</summary>
    public bool InputFailed { get; }

    public bool Succeeded => Problem is null;

    public static RecipeOutcome Refused(string problem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(problem);
        return new RecipeOutcome(problem, false);
    }

    /// <summary>An input could not be read; <paramref name="problem"/> names the file and the place.</summary>
    public static RecipeOutcome Unreadable(string problem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(problem);
        return new RecipeOutcome(problem, true);
    }
}
