using System.Text.Json;
using Lagebild.Nlp.Conllu;
using Lagebild.Nlp.Entities;
using Lagebild.Text.Segmentation;

namespace Lagebild.Nlp.Clusters;

/// <summary>
/// Unlabelled sentences for clustering, read by the file's kind: CoNLL-U (.conllu: the word forms), JSON (.json:
/// every string array named "Tokens", as in SpkAtt), plain text (.txt, .sgm: each line that does not start with '&lt;'
/// split by the tokenizer of the language) and otherwise token-per-line column files (the token column of NER
/// corpora; their labels are ignored).
/// </summary>
public static class ClusterCorpus
{
    /// <param name="holdOutEvery">For column files: leave out every N-th sentence (the dev part of a split; 0: keep all).</param>
    public static IEnumerable<string[]> Read(string path, Tokenizer tokenizer, int holdOutEvery = 0)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(tokenizer);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".conllu" => ConlluReader.ReadFile(path).Select(s => s.Forms()),
            ".json" => ReadJson(path),
            ".txt" or ".sgm" => ReadText(path, tokenizer),
            _ => ReadColumns(path, holdOutEvery),
        };
    }

    private static IEnumerable<string[]> ReadColumns(string path, int holdOutEvery)
    {
        var sentences = NerCorpus.Read(path, new NerTagMapping());
        var kept = holdOutEvery >= 2 ? NerCorpus.HoldOut(sentences, holdOutEvery).Kept : sentences;
        return kept.Select(s => s.Tokens);
    }

    private static IEnumerable<string[]> ReadText(string path, Tokenizer tokenizer)
    {
        foreach (var line in File.ReadLines(path))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '<')
            {
                continue;
            }

            yield return [.. tokenizer.Tokenize(trimmed).Select(t => t.Form)];
        }
    }

    private static List<string[]> ReadJson(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        var sentences = new List<string[]>();
        Collect(document.RootElement);
        return sentences;

        void Collect(JsonElement element)
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item);
                }
            }
            else if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    if (property.NameEquals("Tokens") && property.Value.ValueKind == JsonValueKind.Array
                        && property.Value.EnumerateArray().All(t => t.ValueKind == JsonValueKind.String))
                    {
                        sentences.Add([.. property.Value.EnumerateArray().Select(t => t.GetString()!)]);
                    }
                    else
                    {
                        Collect(property.Value);
                    }
                }
            }
        }
    }
}
