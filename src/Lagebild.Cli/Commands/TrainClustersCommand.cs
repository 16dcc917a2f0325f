using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Lagebild.Nlp.Clusters;
using Lagebild.Text.Segmentation;

namespace Lagebild.Cli.Commands;

/// <summary>
/// `lagebild train clusters --lang de --text FILE... --out FILE`: hierarchical word clusters (recursive two-way
/// exchange) from unlabelled text, written as "path word count" lines; `train ner --clusters FILE` makes them
/// features. Deterministic: the same files and options give the same bytes.
/// </summary>
internal static class TrainClustersCommand
{
    public static Command Create()
    {
        var defaults = new WordClusterOptions();
        var language = new Option<string>("--lang") { Description = "Language (its tokenizer splits plain text).", Required = true };
        var text = new Option<string[]>("--text") { Description = "Input files: .conllu, .json (\"Tokens\" arrays), .txt/.sgm (plain text lines), else token-per-line column files.", AllowMultipleArgumentsPerToken = true, Required = true };
        var withoutHoldout = new Option<string[]>("--text-without-holdout") { Description = "Column files read without every --holdout-every-th sentence (keep a dev split out of the clusters).", AllowMultipleArgumentsPerToken = true };
        var holdOut = new Option<int>("--holdout-every") { Description = "The split of --text-without-holdout: every N-th sentence (index % N == N - 1) is left out.", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "Output cluster file.", Required = true };
        var minCount = new Option<int>("--min-count") { Description = "Words seen fewer times get no cluster.", DefaultValueFactory = _ => defaults.MinCount };
        var maxDepth = new Option<int>("--max-depth") { Description = "Longest cluster path (number of splits).", DefaultValueFactory = _ => defaults.MaxDepth };
        var passes = new Option<int>("--passes") { Description = "Exchange passes per split.", DefaultValueFactory = _ => defaults.MaxPasses };
        var window = new Option<int>("--window") { Description = "Context words on each side (1..4), each distance its own context.", DefaultValueFactory = _ => defaults.Window };
        var command = new Command("clusters", "Train hierarchical word clusters from unlabelled text (recursive exchange bisection).")
        {
            language, text, withoutHoldout, holdOut, output, minCount, maxDepth, passes, window,
        };
        command.SetAction(result =>
        {
            var log = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            var options = new WordClusterOptions
            {
                MinCount = result.GetValue(minCount),
                MaxDepth = result.GetValue(maxDepth),
                MaxPasses = result.GetValue(passes),
                Window = result.GetValue(window),
            };
            var every = result.GetValue(holdOut);
            var heldOutFiles = result.GetValue(withoutHoldout) ?? [];
            if (options.MinCount < 1 || options.MaxDepth is < 1 or > WordClusters.MaxDepth || options.MaxPasses < 1 || options.Window is < 1 or > 4 || every is 1 or < 0 || (heldOutFiles.Length > 0 && every == 0))
            {
                error.WriteLine($"lagebild: --min-count >= 1, --max-depth 1..{WordClusters.MaxDepth}, --passes >= 1, --window 1..4, --holdout-every 0 or >= 2 (and >= 2 with --text-without-holdout).");
                return ExitCodes.Usage;
            }

            var files = result.GetValue(text) ?? [];
            foreach (var file in files.Concat(heldOutFiles))
            {
                if (!File.Exists(file))
                {
                    error.WriteLine($"lagebild: file '{file}' not found.");
                    return ExitCodes.Usage;
                }
            }

            var tokenizer = new Tokenizer(SegmentationProfile.Load(DataDirectory.Default(), result.GetValue(language)!));
            var sentences = new List<string[]>();
            foreach (var (file, split) in files.Select(f => (f, 0)).Concat(heldOutFiles.Select(f => (f, every))))
            {
                var before = sentences.Count;
                sentences.AddRange(ClusterCorpus.Read(file, tokenizer, split));
                var added = sentences.Skip(before).ToList();
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{file}{(split > 0 ? $" (without every {split}th sentence)" : "")}: {added.Count} sentences, {added.Sum(s => s.Length)} tokens"));
            }

            var clock = Stopwatch.StartNew();
            var clusters = new WordClusterTrainer(options).Train(sentences);
            var outPath = result.GetValue(output)!;
            var folder = Path.GetDirectoryName(Path.GetFullPath(outPath));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            clusters.Save(outPath);
            var depths = clusters.Entries.Select(e => e.Depth).ToList();
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"clusters: {clusters.Entries.Count} words (count >= {options.MinCount}) from {sentences.Sum(s => s.Length)} tokens, mean depth {(depths.Count == 0 ? 0 : depths.Average()):F1}, {depths.Count(d => d == options.MaxDepth)} words at depth {options.MaxDepth}; {clock.Elapsed.TotalSeconds:F1}s; {outPath}"));
            return ExitCodes.Success;
        });
        return command;
    }
}
