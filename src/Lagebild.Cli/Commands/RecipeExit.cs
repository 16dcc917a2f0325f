namespace Lagebild.Cli.Commands;

/// <summary>The exit code of an engine recipe's outcome; a refused recipe is a usage error named on stderr.</summary>
internal static class RecipeExit
{
    public static int Of(RecipeOutcome outcome, TextWriter error)
    {
        if (outcome.Succeeded)
        {
            return ExitCodes.Success;
        }

        error.WriteLine($"lagebild: {outcome.Problem}");
        return ExitCodes.Usage;
    }
}
