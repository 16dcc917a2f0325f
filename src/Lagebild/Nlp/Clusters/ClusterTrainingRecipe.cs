using System.Diagnostics;
using System.Globalization;
using Lagebild.Text.Segmentation;

namespace Lagebild.Nlp.Clusters;

/// <summary>What `train clusters` is asked to do: unlabelled text files, the output file and the clustering settings.</summary>
public sealed record ClusterTrainingRecipeOptions
{
    /// <summary>Language whose tokenizer splits plain text.</summary>
    public required string Language { get; init; }

    /// <summary>Input files: .conllu, .json ("Tokens" arrays), .txt/.sgm (plain text lines), else token-per-line column files.</summary>
    public IReadOnlyList<string> TextFiles { get; init; } = [];

    /// <summary>Column files read without every <see cref="HoldOutEvery"/>-th sentence (a dev split kept out of the clusters).</summary>
    public IReadOnlyList<string> TextFilesWithoutHoldOut { get; init; } = [];

    /// <summary>Every N-th sentence (index % N == N - 1) of <see cref="TextFilesWithoutHoldOut"/> is left out.</summary>
    public int HoldOutEvery { get; init; }

    /// <summary>The cluster file written.</summary>
    public required string OutputFile { get; init; }

    /// <summary>Where the segmentation profile of the language is read from.</summary>
    public required DataDirectory Data { get; init; }

    public WordClusterOptions Clustering { get; init; } = new();
}

/// <summary>
/// The recipe of `lagebild train clusters`: hierarchical word clusters (recursive two-way exchange) from unlabelled
/// text, written as "path word count" lines; `train ner --clusters FILE` makes them features. Deterministic: the
/// same files and options give the same bytes.
/// </summary>
public static class ClusterTrainingRecipe
{
    /// <summary>Trains and writes the clusters, reporting what was read to <paramref name="log"/>; refused when an option or file is wrong.</summary>
    public static RecipeOutcome Run(ClusterTrainingRecipeOptions recipe, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(log);
        var options = recipe.Clustering;
        var every = recipe.HoldOutEvery;
        var heldOutFiles = recipe.TextFilesWithoutHoldOut;
        if (options.MinCount < 1 || options.MaxDepth is < 1 or > WordClusters.MaxDepth || options.MaxPasses < 1 || options.Window is < 1 or > 4 || every is 1 or < 0 || (heldOutFiles.Count > 0 && every == 0))
        {
            return RecipeOutcome.Refused($"--min-count >= 1, --max-depth 1..{WordClusters.MaxDepth}, --passes >= 1, --window 1..4, --holdout-every 0 or >= 2 (and >= 2 with --text-without-holdout).");
        }

        var files = recipe.TextFiles;
        foreach (var file in files.Concat(heldOutFiles))
        {
            if (!File.Exists(file))
            {
                return RecipeOutcome.Refused($"file '{file}' not found.");
            }
        }

        var tokenizer = new Tokenizer(SegmentationProfile.Load(recipe.Data, recipe.Language));
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
        var outPath = recipe.OutputFile;
        var folder = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        clusters.Save(outPath);
        var depths = clusters.Entries.Select(e => e.Depth).ToList();
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"clusters: {clusters.Entries.Count} words (count >= {options.MinCount}) from {sentences.Sum(s => s.Length)} tokens, mean depth {(depths.Count == 0 ? 0 : depths.Average()):F1}, {depths.Count(d => d == options.MaxDepth)} words at depth {options.MaxDepth}; {clock.Elapsed.TotalSeconds:F1}s; {outPath}"));
        return RecipeOutcome.Done;
    }
}
