namespace Lagebild;

/// <summary>
/// How a training or evaluation recipe ended: done, or refused before any work for a reason the user can fix (an
/// option out of range, a missing file). Front ends show the reason; nothing was written when it is refused.
/// </summary>
public sealed record RecipeOutcome
{
    private RecipeOutcome(string? problem) => Problem = problem;

    public static RecipeOutcome Done { get; } = new((string?)null);

    /// <summary>Why the recipe did not run, in plain words; null when it ran.</summary>
    public string? Problem { get; }

    public bool Succeeded => Problem is null;

    public static RecipeOutcome Refused(string problem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(problem);
        return new RecipeOutcome(problem);
    }
}
