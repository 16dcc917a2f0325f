using System.CommandLine;
using Lagebild.Evaluation;

namespace Lagebild.Cli.Commands;

/// <summary>
/// `lagebild eval mentions`: name recall, link precision and link recall of the entities on the hand-annotated
/// development set (tests/Lagebild.Tests/Data/actors-dev), per language, with and without publication dates.
/// </summary>
internal static class EvalMentionsCommand
{
    public static Command Create()
    {
        var gold = new Option<string>("--gold") { Description = "Folder of the annotations (de/ and en/ with one JSON file per article).", DefaultValueFactory = _ => "tests/Lagebild.Tests/Data/actors-dev" };
        var news = new Option<string>("--news") { Description = "Folder of the news files the annotations name.", DefaultValueFactory = _ => "../shared/data/news" };
        var language = new Option<string>("--lang") { Description = "Language to score: de, en or all.", DefaultValueFactory = _ => "all" };
        language.AcceptOnlyFromAmong("de", "en", "all");
        var published = new Option<string>("--published") { Description = "Analyse with the annotated publication dates (on), without any date (off), or both.", DefaultValueFactory = _ => "both" };
        published.AcceptOnlyFromAmong("on", "off", "both");
        var errors = new Option<bool>("--errors") { Description = "List the most frequent wrong links, missed names and missed actor links." };
        var top = new Option<int>("--top") { Description = "How many of each error list to show.", DefaultValueFactory = _ => 10 };
        var command = new Command("mentions", "Score entities and actor links against the hand-annotated development set.") { gold, news, language, published, errors, top };
        command.SetAction(result =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            var goldDirectory = result.GetValue(gold)!;
            var newsDirectory = result.GetValue(news)!;
            if (!Directory.Exists(goldDirectory))
            {
                error.WriteLine($"lagebild: annotation folder '{goldDirectory}' not found.");
                return ExitCodes.Usage;
            }

            if (!Directory.Exists(newsDirectory))
            {
                error.WriteLine($"lagebild: news folder '{newsDirectory}' not found (the articles are eval-only data under ../shared).");
                return ExitCodes.Usage;
            }

            var engine = Engine.Create();
            var equivalents = ActorCodeEvaluation.ReadEquivalents(engine.Data.Resolve("shared", "knowledge", "code-equivalents.tsv"));
            var evaluation = new MentionEvaluation(engine.Pipeline, newsDirectory, equivalents);
            var languages = result.GetValue(language) is "all" ? new[] { "de", "en" } : [result.GetValue(language)!];
            bool[] modes = result.GetValue(published) switch
            {
                "on" => [true],
                "off" => [false],
                _ => [true, false],
            };
            var failed = false;
            foreach (var lang in languages)
            {
                var annotations = new List<GoldArticle>();
                foreach (var read in MentionGoldReader.ReadDirectory(goldDirectory, lang))
                {
                    if (read.Article is { } article)
                    {
                        annotations.Add(article);
                    }
                    else
                    {
                        error.WriteLine($"lagebild: {read.Path}: {read.Error}");
                        failed = true;
                    }
                }

                foreach (var withDates in modes)
                {
                    var run = evaluation.Run(annotations, withDates);
                    foreach (var message in run.Errors)
                    {
                        error.WriteLine($"lagebild: {message}");
                        failed = true;
                    }

                    output.WriteLine($"{lang} {(withDates ? "published on " : "published off")} {run.Tally.Articles} articles: {run.Tally.FormatFigures()}");
                    if (result.GetValue(errors))
                    {
                        output.Write(run.Tally.FormatErrors(Math.Max(1, result.GetValue(top))));
                    }
                }
            }

            return failed ? ExitCodes.SomeItemsFailed : ExitCodes.Success;
        });
        return command;
    }
}
