using System.CommandLine;
using Lagebild.Knowledge.Dictionaries;

namespace Lagebild.Cli.Commands;

/// <summary>
/// --dictionaries DIR...: the user's actor and agent files (our TSV format or PETRARCH/TABARI *.actors.txt and
/// *.agents.txt), applied after the shipped knowledge base; later entries override earlier ones.
/// </summary>
internal static class DictionariesOption
{
    public static Option<string[]> Create()
    {
        var option = new Option<string[]>("--dictionaries")
        {
            Description = "Folders of your own actor/agent dictionaries (ours or PETRARCH format), applied after the shipped ones.",
            AllowMultipleArgumentsPerToken = true,
        };
        option.Validators.Add(result =>
        {
            foreach (var directory in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (!Directory.Exists(directory))
                {
                    result.AddError($"--dictionaries: folder '{directory}' does not exist.");
                }
            }
        });
        return option;
    }

    /// <summary>Names on stderr the dictionary entries that could not be read; the rest was used.</summary>
    public static void ReportIssues(TextWriter error, IReadOnlyList<DictionaryIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(issues);
        foreach (var issue in issues)
        {
            error.WriteLine($"lagebild: dictionary entry skipped: {issue}");
        }
    }
}
