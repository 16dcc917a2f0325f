using System.CommandLine;
using Lagebild.Ingest;
using Lagebild.Output;

namespace Lagebild.Cli.Commands;

/// <summary>PLACEHOLDER: `lagebild analyze`; the CLI work replaces this file.</summary>
internal static class AnalyzeCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Arity = ArgumentArity.ZeroOrMore, Description = "Files or directories; '-' reads stdin." };
        var command = new Command("analyze", "Analyse articles without storing them.") { paths };
        command.SetAction(result =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            var engine = Engine.Create();
            var status = ExitCodes.Success;
            foreach (var item in new ArticleReader().Read(result.GetValue(paths) ?? [], InputOptions.Default))
            {
                if (item.Article is null)
                {
                    error.WriteLine($"{item.Origin}: {item.Error}");
                    status = ExitCodes.SomeItemsFailed;
                    continue;
                }

                output.WriteLine(ArticleJsonWriter.ToJson(engine.Pipeline.Run(item.Article)));
            }

            return status;
        });
        return command;
    }
}
