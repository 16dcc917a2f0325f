using System.CommandLine;

namespace Lagebild.Cli.Commands;

/// <summary>The input paths argument of analyze, extract and ingest.</summary>
internal static class PathsArgument
{
    public static Argument<string[]> Create() => Create("Files, directories or '-' for stdin; stdin when none is given and it is redirected.");

    public static Argument<string[]> Create(string description)
    {
        var paths = new Argument<string[]>("paths") { Arity = ArgumentArity.ZeroOrMore, Description = description };
        // The parser hands unknown options to a string argument as values; a mistyped option must be a usage
        // error, not a missing file. A file whose name starts with '-' can be given as ./-name.
        paths.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Length > 1 && token.Value[0] == '-')
                {
                    result.AddError($"Unrecognized option '{token.Value}'.");
                }
            }
        });
        return paths;
    }
}
