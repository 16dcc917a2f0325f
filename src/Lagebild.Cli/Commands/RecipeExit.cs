namespace Lagebild.Cli.Commands;

/// <summary>
/// The exit code of an engine recipe's outcome: a refused recipe is a usage error (2), an unreadable input a failed
/// item (1); either is named on stderr.
/// </summary>
internal static class RecipeExit
{
    public static int Of(RecipeOutcome outcome, TextWriter error)
    {
        if (outcome.Succeeded)
        {
            return ExitCodes.Success;
        }

        if (outcome.InputFailed)
        {
            error.WriteLine(outcome.Problem);
            return ExitCodes.SomeItemsFailed;
        }

        error.WriteLine($"lagebild: {outcome.Problem}");
        return ExitCodes.Usage;
    }
}
