using System.CommandLine;
using System.Globalization;
using Lagebild.Knowledge;
using Lagebild.Knowledge.Dictionaries;
using Lagebild.Knowledge.Import;
using Lagebild.Knowledge.Linking;

namespace Lagebild.Cli.Commands;

/// <summary>`lagebild kb import|validate` and `lagebild actors lookup`.</summary>
internal static class KnowledgeCommands
{
    public static Command CreateKb()
    {
        var petrarch = new Option<string>("--petrarch") { Description = "Folder with the PETRARCH2 Phoenix dictionaries.", DefaultValueFactory = _ => "../shared/data/events/petrarch2" };
        var isoCountries = new Option<string>("--iso-countries") { Description = "Folder of the i18n-iso-countries npm package (codes.json, langs/).", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder.", DefaultValueFactory = _ => "data/shared/knowledge" };
        var import = new Command("import", "Convert the Phoenix dictionaries into our knowledge-base files.") { petrarch, isoCountries, output };
        import.SetAction(result =>
        {
            var missing = PhoenixImporter.MissingInputs(result.GetValue(petrarch)!, result.GetValue(isoCountries)!);
            foreach (var path in missing)
            {
                result.InvocationConfiguration.Error.WriteLine($"lagebild: input file not found: {path}");
            }

            if (missing.Count > 0)
            {
                return ExitCodes.Usage;
            }

            var equivalents = Lagebild.Evaluation.ActorCodeEvaluation.ReadEquivalents(DataDirectory.Default().Resolve("shared", "knowledge", "code-equivalents.tsv"));
            var summary = PhoenixImporter.Import(result.GetValue(petrarch)!, result.GetValue(isoCountries)!, result.GetValue(output)!, equivalents);
            var stdout = result.InvocationConfiguration.Output;
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"countries {summary.Countries}, persons {summary.Persons}, organisations {summary.Organisations}, groups {summary.Groups}, agent phrases {summary.Agents}"));
            foreach (var issue in summary.Issues)
            {
                result.InvocationConfiguration.Error.WriteLine(issue.ToString());
            }

            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{summary.Issues.Count} dictionary entries skipped or repaired (listed on stderr)"));
            return ExitCodes.Success;
        });

        var dictionaries = new Option<string[]>("--dictionaries") { Description = "More folders of actor/agent files (ours or PETRARCH format), applied after the shipped ones.", AllowMultipleArgumentsPerToken = true };
        var validate = new Command("validate", "Check the knowledge-base files: ids, codes, role periods.") { dictionaries };
        validate.SetAction(result =>
        {
            var data = DataDirectory.Default();
            var directories = KnowledgeBaseLoader.ShippedDirectories(data).Concat(result.GetValue(dictionaries) ?? []).ToList();
            var issues = KnowledgeBaseValidator.Validate(directories);
            foreach (var issue in issues)
            {
                result.InvocationConfiguration.Error.WriteLine(issue.ToString());
            }

            var loadIssues = new List<DictionaryIssue>();
            var knowledge = KnowledgeBaseLoader.Load(data, result.GetValue(dictionaries) ?? [], loadIssues);
            var germanNames = knowledge.Actors.Sum(a => a.Names.TryGetValue("de", out var n) ? n.Count : 0);
            result.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"countries {knowledge.Countries.Count}, persons {knowledge.Actors.Count(a => a.Kind == ActorKind.Person)}, organisations {knowledge.Actors.Count(a => a.Kind == ActorKind.Organisation)}, groups {knowledge.Actors.Count(a => a.Kind == ActorKind.Group)}, agent phrases {knowledge.Agents.Count}, German name variants {germanNames}; {issues.Count} problems"));
            return issues.Count == 0 ? ExitCodes.Success : ExitCodes.SomeItemsFailed;
        });

        return new Command("kb", "Build and check the knowledge base.") { import, validate };
    }

    public static Command CreateEvalActors()
    {
        var gold = new Option<string>("--plover") { Description = "PLOVER gold records (JSON).", DefaultValueFactory = _ => "../shared/data/events/plover/PLOVER_GSR_CAMEO.dev.json" };
        var verbose = new Option<bool>("--verbose") { Description = "List every miss." };
        var command = new Command("actors", "Score actor codes against PLOVER gold records (country part of the code).") { gold, verbose };
        command.SetAction(result =>
        {
            var path = result.GetValue(gold)!;
            if (!File.Exists(path))
            {
                result.InvocationConfiguration.Error.WriteLine($"lagebild: gold file not found: {path}");
                return ExitCodes.Usage;
            }

            var issues = new List<DictionaryIssue>();
            var knowledge = KnowledgeBaseLoader.Load(DataDirectory.Default(), [], issues);
            using var stream = File.OpenRead(path);
            var equivalents = Lagebild.Evaluation.ActorCodeEvaluation.ReadEquivalents(DataDirectory.Default().Resolve("shared", "knowledge", "code-equivalents.tsv"));
            var outcomes = Lagebild.Evaluation.ActorCodeEvaluation.Run(stream, knowledge, equivalents);
            var output = result.InvocationConfiguration.Output;
            var hits = outcomes.Count(o => o.CountryMatches);
            var unlinked = outcomes.Count(o => o.PredictedCode is null);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"actor mentions {outcomes.Count}, country correct {hits} ({100.0 * hits / Math.Max(1, outcomes.Count):F1}%), wrong {outcomes.Count - hits - unlinked}, unlinked {unlinked}; counting historical CAMEO codes (JAP = JPN ...) as equal: {outcomes.Count(o => o.CountryMatchesUpToHistoricalCodes)} ({100.0 * outcomes.Count(o => o.CountryMatchesUpToHistoricalCodes) / Math.Max(1, outcomes.Count):F1}%)"));
            if (result.GetValue(verbose))
            {
                foreach (var miss in outcomes.Where(o => !o.CountryMatches))
                {
                    output.WriteLine($"  {miss.RecordId}\t{miss.ActorText}\tgold {miss.GoldCode}\tgot {miss.PredictedCode ?? "-"}");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static Command CreateActors()
    {
        var name = new Argument<string>("name") { Description = "The name as it appears in text (\"Lukaschenko\", \"chinesische Staatsmedien\")." };
        var date = new Option<string?>("--date") { Description = "Date (yyyy-MM-dd) on which roles are evaluated." };
        var language = new Option<string>("--lang") { Description = "Language of the name: de or en.", DefaultValueFactory = _ => "de" };
        var dictionaries = new Option<string[]>("--dictionaries") { Description = "More folders of actor/agent files, applied after the shipped ones.", AllowMultipleArgumentsPerToken = true };
        var lookup = new Command("lookup", "Show what a name resolves to and why.") { name, date, language, dictionaries };
        lookup.SetAction(result =>
        {
            var error = result.InvocationConfiguration.Error;
            DateOnly? day = null;
            if (result.GetValue(date) is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    error.WriteLine($"lagebild: --date '{text}' is not yyyy-MM-dd");
                    return ExitCodes.Usage;
                }

                day = parsed;
            }

            var issues = new List<DictionaryIssue>();
            var knowledge = KnowledgeBaseLoader.Load(DataDirectory.Default(), result.GetValue(dictionaries) ?? [], issues);
            foreach (var issue in issues)
            {
                error.WriteLine(issue.ToString());
            }

            var output = result.InvocationConfiguration.Output;
            var matches = knowledge.Lookup(result.GetValue(name)!, day, result.GetValue(language)!);
            if (matches.Count == 0 && knowledge.ResolveMention(result.GetValue(name)!, day, result.GetValue(language)!) is { } inside)
            {
                matches = [inside];
            }
            if (matches.Count == 0)
            {
                output.WriteLine("no actor: the name is unknown to the knowledge base (it stays unlinked)");
                return ExitCodes.Success;
            }

            foreach (var match in matches)
            {
                output.WriteLine($"{match.Code ?? "(no code)",-12} {match.Name} [{match.Id}]");
                output.WriteLine($"             {match.MatchKind}: {match.Reason}");
                output.WriteLine($"             in running text: {RunningTextNote(knowledge, match, result.GetValue(name)!)}");
                if (knowledge.GenderOf(match.Id) is { } gender)
                {
                    output.WriteLine($"             gender for pronouns: {gender}");
                }
            }

            return ExitCodes.Success;
        });

        return new Command("actors", "Look up actors in the knowledge base.") { lookup };
    }

    /// <summary>How the linking stage treats the name in an article: its confidence, or why one word alone stays unlinked.</summary>
    private static string RunningTextNote(KnowledgeBase knowledge, ActorResolution match, string name)
    {
        var words = NameKey.Of(name).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var actor = knowledge.ActorById(match.Id);
        if (words == 1 && actor?.Kind == ActorKind.Person && actor.Provenance?.Contains("curated", StringComparison.Ordinal) != true)
        {
            return "not linked on its own (a one-word name of an imported record: it links as part of a full name used in the same article)";
        }

        var confidence = ActorLinkingStage.LinkConfidence(match, words, recognised: false);
        return string.Create(CultureInfo.InvariantCulture, $"confidence {confidence:0.00} (more when the recogniser also finds the name)");
    }
}
