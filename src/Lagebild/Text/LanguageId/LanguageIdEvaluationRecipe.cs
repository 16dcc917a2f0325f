using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Lagebild.Text.LanguageId;

/// <summary>What `eval langid` is asked to measure: the data, the model, and what to print or write besides the scores.</summary>
public sealed record LanguageIdEvaluationRecipeOptions
{
    /// <summary>Shared data root (langid/pud, ud/...).</summary>
    public required string DataRoot { get; init; }

    /// <summary>Model file; null: the shipped model under <see cref="Data"/>.</summary>
    public string? ModelFile { get; init; }

    public required DataDirectory Data { get; init; }

    /// <summary>Held-out texts shorter than this are skipped.</summary>
    public int MinChars { get; init; } = 40;

    /// <summary>File that receives the held-out texts (one per line) and FILE.labels their labels, for peers; or null.</summary>
    public string? DumpFile { get; init; }

    /// <summary>A peer's JSON lines for the dump file (franc_peer.mjs --per-line), scored side by side.</summary>
    public IReadOnlyList<string> PeerFiles { get; init; } = [];

    /// <summary>JSONL article files (text field) to measure per-article throughput on.</summary>
    public IReadOnlyList<string> NewsFiles { get; init; } = [];

    /// <summary>List every held-out text the model gets wrong, with its evidence.</summary>
    public bool ListErrors { get; init; }
}

/// <summary>
/// The recipe of `lagebild eval langid`: per-language accuracy of the shipped (or a given) model on the held-out
/// split, the same for a peer's per-line answers (franc), and throughput on sentences and on whole articles.
/// </summary>
public static class LanguageIdEvaluationRecipe
{
    // ISO 639-3 (as franc answers) to 639-1, for the languages of the held-out set.
    private static readonly Dictionary<string, string> Iso6393To6391 = new(StringComparer.Ordinal)
    {
        ["ara"] = "ar", ["arb"] = "ar", ["ces"] = "cs", ["deu"] = "de", ["eng"] = "en", ["spa"] = "es", ["fin"] = "fi",
        ["fra"] = "fr", ["glg"] = "gl", ["hin"] = "hi", ["ind"] = "id", ["isl"] = "is", ["ita"] = "it", ["jpn"] = "ja",
        ["kor"] = "ko", ["pol"] = "pl", ["por"] = "pt", ["rus"] = "ru", ["swe"] = "sv", ["tha"] = "th", ["tur"] = "tr",
        ["cmn"] = "zh", ["zho"] = "zh",
    };

    /// <summary>Measures and prints to <paramref name="output"/>; refused when the model or a peer file is wrong.</summary>
    public static RecipeOutcome Run(LanguageIdEvaluationRecipeOptions recipe, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(output);
        var dataRoot = recipe.DataRoot;
        var modelPath = recipe.ModelFile ?? LanguageIdentifier.ShippedModelPath(recipe.Data);
        if (!File.Exists(modelPath))
        {
            return RecipeOutcome.Refused($"model '{modelPath}' not found.");
        }

        var loadCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var loadWatch = Stopwatch.StartNew();
        var identifier = LanguageIdentifier.Load(modelPath);
        loadWatch.Stop();
        var loadCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - loadCpu).TotalMilliseconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model {modelPath}: {identifier.Languages.Count} languages, {identifier.Model.NGramCount:N0} n-grams, loaded in {loadWatch.Elapsed.TotalMilliseconds:F0} ms ({loadCpuMs:F0} ms CPU)"));

        var min = recipe.MinChars;
        var heldOut = LanguageIdCorpus.Read(dataRoot, CorpusSplit.Test).Where(t => LanguageIdCorpus.IsScorable(t.Text, min)).ToList();
        var answers = new string[heldOut.Count];
        for (var i = 0; i < heldOut.Count; i++)
        {
            answers[i] = identifier.Identify(heldOut[i].Text).Code;
        }

        // Timed on a second pass, once the JIT has optimised the scoring loop. CPU time is printed too: on a
        // shared machine it is the steadier figure.
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < heldOut.Count; i++)
        {
            identifier.Identify(heldOut[i].Text);
        }

        watch.Stop();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var evaluation = new LanguageIdEvaluation(min);
        for (var i = 0; i < heldOut.Count; i++)
        {
            evaluation.Record(heldOut[i], answers[i]);
        }

        output.WriteLine("== lagebild ngram.v1");
        output.Write(evaluation.Format());
        var chars = heldOut.Sum(t => (long)t.Text.Length);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"speed: {heldOut.Count / watch.Elapsed.TotalSeconds:N0} sentences/s, {chars / 1e6 / watch.Elapsed.TotalSeconds:F2} M chars/s wall clock; {heldOut.Count / cpu:N0} sentences/s per CPU second, on {heldOut.Count:N0} sentences"));

        if (recipe.ListErrors)
        {
            for (var i = 0; i < heldOut.Count; i++)
            {
                if (!string.Equals(answers[i], heldOut[i].Language, StringComparison.Ordinal))
                {
                    var detail = identifier.Identify(heldOut[i].Text);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{heldOut[i].Source}/{heldOut[i].Language} -> {detail.Code} (best {detail.Best}, confidence {detail.Confidence:F3}, coverage {detail.Coverage:F3}): {heldOut[i].Text}"));
                }
            }
        }

        var dumpPath = recipe.DumpFile;
        if (dumpPath is not null)
        {
            // Line breaks inside a text would shift the peer's line numbers.
            File.WriteAllLines(dumpPath, heldOut.Select(t => t.Text.ReplaceLineEndings(" ")));
            File.WriteAllLines(dumpPath + ".labels", heldOut.Select(t => $"{t.Language}\t{t.Source}"));
            output.WriteLine($"wrote {heldOut.Count} held-out texts to {dumpPath} (+ .labels)");
        }

        foreach (var peerFile in recipe.PeerFiles)
        {
            var peerEvaluation = ScorePeer(peerFile, heldOut, min, out var problem);
            if (peerEvaluation is null)
            {
                return RecipeOutcome.Refused($"{peerFile}: {problem}");
            }

            output.WriteLine($"== peer {peerFile}");
            output.Write(peerEvaluation.Format());
        }

        ReportGibberish(identifier, output);
        var newsFiles = recipe.NewsFiles;
        if (newsFiles.Count > 0)
        {
            MeasureArticles(identifier, newsFiles, output);
        }

        return RecipeOutcome.Done;
    }

    /// <summary>Scores franc-style JSON lines ({"line": n, "lang": "deu"}) against the held-out labels.</summary>
    private static LanguageIdEvaluation? ScorePeer(string path, List<LabeledText> heldOut, int minChars, out string? problem)
    {
        problem = null;
        var evaluation = new LanguageIdEvaluation(minChars);
        var answered = new string?[heldOut.Count];
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (!root.TryGetProperty("line", out var number) || number.ValueKind != JsonValueKind.Number
                || !root.TryGetProperty("lang", out var language))
            {
                problem = "each line needs 'line' and 'lang' (run the peer with --per-line on the --dump file)";
                return null;
            }

            var index = number.GetInt32() - 1;
            if (index < 0 || index >= heldOut.Count)
            {
                problem = $"line {index + 1} is outside the held-out set; was it made from this --dump?";
                return null;
            }

            var code = language.GetString() ?? "und";
            answered[index] = Iso6393To6391.GetValueOrDefault(code, code);
        }

        for (var i = 0; i < heldOut.Count; i++)
        {
            evaluation.Record(heldOut[i], answered[i] ?? "und");
        }

        return evaluation;
    }

    /// <summary>Random letter strings (fixed seed) must come back "und"; prints how many do.</summary>
    private static void ReportGibberish(LanguageIdentifier identifier, TextWriter output)
    {
        var random = new Random(20261129);
        var undetermined = 0;
        const int samples = 1000;
        var wrong = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var builder = new StringBuilder();
        for (var i = 0; i < samples; i++)
        {
            builder.Clear();
            var length = random.Next(20, 200);
            while (builder.Length < length)
            {
                var word = random.Next(1, 10);
                for (var j = 0; j < word; j++)
                {
                    builder.Append((char)('a' + random.Next(26)));
                }

                builder.Append(' ');
            }

            var code = identifier.Identify(builder.ToString()).Code;
            if (string.Equals(code, LanguageIdentification.Undetermined, StringComparison.Ordinal))
            {
                undetermined++;
            }
            else
            {
                wrong[code] = wrong.GetValueOrDefault(code) + 1;
            }
        }

        output.WriteLine($"gibberish: {undetermined}/{samples} random letter strings answered 'und'; others: {string.Join(' ', wrong.Select(w => $"{w.Key}:{w.Value}"))}");
    }

    private static void MeasureArticles(LanguageIdentifier identifier, IReadOnlyList<string> files, TextWriter output)
    {
        var stage = new LanguageIdentificationStage(identifier);
        var articles = new List<(string Text, string? Language)>();
        foreach (var file in files)
        {
            foreach (var line in File.ReadLines(file))
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                using var json = JsonDocument.Parse(line);
                if (json.RootElement.TryGetProperty("text", out var text) && text.GetString() is { } body)
                {
                    var language = json.RootElement.TryGetProperty("lang", out var lang) ? lang.GetString() : null;
                    articles.Add((body, language));
                }
            }
        }

        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var agree = 0;
        foreach (var (text, _) in articles.Take(100))
        {
            stage.Detect(text);
        }

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        foreach (var (text, language) in articles)
        {
            var code = stage.Detect(text).Code;
            counts[code] = counts.GetValueOrDefault(code) + 1;
            if (string.Equals(code, language, StringComparison.Ordinal))
            {
                agree++;
            }
        }

        watch.Stop();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var bytes = articles.Sum(a => (long)Encoding.UTF8.GetByteCount(a.Text));
        var seconds = watch.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"articles: {articles.Count:N0} in {seconds:F2} s = {articles.Count / seconds:N0} docs/s, {bytes / 1e6 / seconds:F1} MB/s of article text (UTF-8; the stage reads a {LanguageIdentificationStage.SampleChars}-char prefix); per CPU second {articles.Count / cpu:N0} docs, {bytes / 1e6 / cpu:F1} MB"));
        output.WriteLine($"answers: {string.Join(' ', counts.Select(c => $"{c.Key}:{c.Value}"))}; agree with the file's lang field: {agree}/{articles.Count}");
    }
}
