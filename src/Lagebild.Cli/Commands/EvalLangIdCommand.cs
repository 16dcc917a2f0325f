using System.CommandLine;
using Lagebild.Text.LanguageId;

namespace Lagebild.Cli.Commands;

/// <summary>
/// `lagebild eval langid`: binds the options of <see cref="LanguageIdEvaluationRecipe"/> (held-out accuracy and
/// speed of the language identifier, beside a peer's answers).
/// </summary>
internal static class EvalLangIdCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Shared data root (langid/pud, ud/...).", DefaultValueFactory = _ => "../shared/data" };
        var model = new Option<string?>("--model") { Description = "Model file (default: the shipped data/models/langid/langid.bin)." };
        var minChars = new Option<int>("--min-chars") { Description = "Skip held-out texts shorter than this.", DefaultValueFactory = _ => 40 };
        var dump = new Option<string?>("--dump") { Description = "Write the held-out texts (one per line) to FILE and their labels to FILE.labels, for peers." };
        var peer = new Option<string[]>("--peer") { Description = "A peer's JSON lines for the --dump file (franc_peer.mjs --per-line); scored side by side.", AllowMultipleArgumentsPerToken = true };
        var news = new Option<string[]>("--news") { Description = "JSONL article files (text field) to measure per-article throughput on.", AllowMultipleArgumentsPerToken = true };
        var errors = new Option<bool>("--errors") { Description = "List every held-out text the model gets wrong, with its evidence." };
        var command = new Command("langid", "Held-out accuracy and speed of the language identifier.") { data, model, minChars, dump, peer, news, errors };
        command.SetAction(result =>
        {
            var recipe = new LanguageIdEvaluationRecipeOptions
            {
                DataRoot = result.GetValue(data)!,
                ModelFile = result.GetValue(model),
                Data = DataDirectory.Default(),
                MinChars = result.GetValue(minChars),
                DumpFile = result.GetValue(dump),
                PeerFiles = result.GetValue(peer) ?? [],
                NewsFiles = result.GetValue(news) ?? [],
                ListErrors = result.GetValue(errors),
            };
            return RecipeExit.Of(LanguageIdEvaluationRecipe.Run(recipe, result.InvocationConfiguration.Output), result.InvocationConfiguration.Error);
        });
        return command;
    }
}
