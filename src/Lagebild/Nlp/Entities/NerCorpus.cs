using System.Globalization;
using Lagebild.Documents;

namespace Lagebild.Nlp.Entities;

/// <summary>A sentence with gold BIO labels (see <see cref="NerLabels"/>).</summary>
public sealed record NerSentence(string[] Tokens, byte[] Labels)
{
    /// <summary>The corpus's sentence id ("# sent_id = ..."), if it gives one.</summary>
    public string? Id { get; init; }

    /// <summary>Predicted parts of speech, when a tagger has run over the sentence.</summary>
    public NerTags? Tags { get; init; }

    /// <summary>How much a training update on this sentence counts (below 1 for silver or out-of-domain data).</summary>
    public float Weight { get; init; } = 1;

    /// <summary>For training a stacked model: the first pass's labels from a model not trained on this sentence (jackknifed).</summary>
    public byte[]? FirstPass { get; init; }

    /// <summary>For training a stacked model: <see cref="NerFirstPassHistory"/> codes per token from the jackknifed first pass.</summary>
    public byte[]? DocumentCodes { get; init; }

    /// <summary>
    /// Labels (bit per label) the sentence's annotation does not cover: where it says O, training accepts a predicted
    /// label of this set (silver corpora without a type, such as WikiANN without MISC). 0: fully annotated.
    /// </summary>
    public int UnannotatedLabels { get; init; }

    /// <summary>
    /// Whether labels of hyphenated tokens ("US-Truppen") are unreliable here: corpora disagree whether a name inside a
    /// compound makes the compound a name (WikiANN) or not (GermEval's "part" types), so training accepts any prediction.
    /// </summary>
    public bool UncertainCompounds { get; init; }
}

/// <summary>Predicted UPOS and XPOS tags of a sentence's tokens (the morphology layer's, as NER features).</summary>
public sealed record NerTags(string[] Upos, string[] Xpos);

/// <summary>How source tags outside PER/ORG/LOC/MISC are read.</summary>
public sealed record NerTagMapping
{
    /// <summary>Map OTH (GermEval's "other") to MISC; when false it becomes O (UNER's pre-release OTH).</summary>
    public bool OtherAsMisc { get; init; } = true;

    /// <summary>B-/I- tag → label. deriv/part types (GermEval "LOCderiv") and unknown types are O.</summary>
    public byte Map(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (tag.Length < 3 || tag[1] != '-' || (tag[0] != 'B' && tag[0] != 'I'))
        {
            return NerLabels.Outside;
        }

        EntityType? type = tag.AsSpan(2) switch
        {
            "PER" => EntityType.Person,
            "ORG" => EntityType.Organisation,
            "LOC" => EntityType.Location,
            "MISC" => EntityType.Miscellaneous,
            "OTH" => OtherAsMisc ? EntityType.Miscellaneous : null,
            _ => null,
        };
        if (type is not { } known)
        {
            return NerLabels.Outside;
        }

        return tag[0] == 'B' ? NerLabels.Begin(known) : NerLabels.Inside(known);
    }
}

/// <summary>
/// Reads tagged corpora, one token per line and a blank line between sentences; '#' lines are comments. Columns are
/// tab-separated (space-separated when a line has no tab). A line "index token tag ..." (UNER, GermEval: the first
/// tag column is the outer one) or "token tag" (WikiANN, Europeana). WikiANN's "de:" token prefix is removed.
/// An I- label that does not continue a mention of its type becomes B-. Runs longer than <see cref="RunOnTokens"/> tokens (Europeana has no sentence breaks) are cut after sentence-final
/// punctuation outside a name.
/// </summary>
public static class NerCorpus
{
    public const int RunOnTokens = 250;

    public static List<NerSentence> Read(string path, NerTagMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        return Read(reader, mapping);
    }

    public static List<NerSentence> Read(TextReader reader, NerTagMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(mapping);
        var sentences = new List<NerSentence>();
        var tokens = new List<string>();
        var labels = new List<byte>();
        bool? languagePrefix = null;
        string? id = null;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || string.IsNullOrWhiteSpace(line))
            {
                Flush();
                continue;
            }

            if (line[0] == '#')
            {
                if (line.StartsWith("# sent_id = ", StringComparison.Ordinal))
                {
                    id = line["# sent_id = ".Length..].Trim();
                }

                continue;
            }

            var fields = line.Contains('\t', StringComparison.Ordinal) ? line.Split('\t') : line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string token;
            string tag;
            if (fields.Length >= 3 && int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                token = fields[1];
                tag = fields[2];
            }
            else
            {
                token = fields[0];
                tag = fields.Length > 1 ? fields[1] : "O";
            }

            languagePrefix ??= HasLanguagePrefix(token);
            if (languagePrefix.Value && HasLanguagePrefix(token))
            {
                token = token[3..];
            }

            if (token.Length == 0)
            {
                continue;
            }

            tokens.Add(token);
            labels.Add(mapping.Map(tag.Trim()));
        }

        Flush();
        return sentences;

        void Flush()
        {
            // IOB1 data (Europeana) starts mentions with I-; as training targets those must be B- (conlleval reads them so).
            for (var i = 0; i < labels.Count; i++)
            {
                if (!NerLabels.IsAllowedAfter(i == 0 ? NerLabels.Outside : labels[i - 1], labels[i]))
                {
                    labels[i] = NerLabels.Begin(NerLabels.TypeOf(labels[i]));
                }
            }

            if (tokens.Count > RunOnTokens)
            {
                var start = 0;
                for (var i = 0; i < tokens.Count; i++)
                {
                    var last = i == tokens.Count - 1;
                    if (last || (tokens[i] is "." or "!" or "?" && labels[i] == NerLabels.Outside && i - start >= 3))
                    {
                        sentences.Add(new NerSentence([.. tokens[start..(i + 1)]], [.. labels[start..(i + 1)]]));
                        start = i + 1;
                    }
                }

                tokens.Clear();
                labels.Clear();
            }
            else if (tokens.Count > 0)
            {
                sentences.Add(new NerSentence([.. tokens], [.. labels]) { Id = id });
                tokens.Clear();
                labels.Clear();
            }

            id = null;
        }
    }

    private static bool HasLanguagePrefix(string token) =>
        token.Length > 3 && token[2] == ':' && char.IsAsciiLetterLower(token[0]) && char.IsAsciiLetterLower(token[1]);

    /// <summary>Splits a corpus: every <paramref name="every"/>-th sentence (index % every == every - 1) is held out.</summary>
    /// <summary>The labels (bit per label, B- and I-) of the entity types that no sentence of <paramref name="sentences"/> carries.</summary>
    public static int UnlabelledTypes(IEnumerable<NerSentence> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var seen = 0;
        foreach (var sentence in sentences)
        {
            foreach (var label in sentence.Labels)
            {
                seen |= 1 << label;
            }
        }

        var missing = 0;
        foreach (var type in NerLabels.Types)
        {
            int begin = NerLabels.Begin(type), inside = NerLabels.Inside(type);
            if ((seen & ((1 << begin) | (1 << inside))) == 0)
            {
                missing |= (1 << begin) | (1 << inside);
            }
        }

        return missing;
    }

        public static (List<NerSentence> Kept, List<NerSentence> HeldOut) HoldOut(IReadOnlyList<NerSentence> sentences, int every)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 2);
        var kept = new List<NerSentence>();
        var heldOut = new List<NerSentence>();
        for (var i = 0; i < sentences.Count; i++)
        {
            (i % every == every - 1 ? heldOut : kept).Add(sentences[i]);
        }

        return (kept, heldOut);
    }
}

/// <summary>
/// The input of `lagebild ner --format conll`: one token per line (the first column: up to the first tab, or up to
/// the first space when the line has no tab), '#' comment lines skipped, sentences separated by blank lines.
/// </summary>
public static class ConllTokenReader
{
    public static IEnumerable<List<string>> ReadSentences(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var tokens = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                if (tokens.Count > 0)
                {
                    yield return tokens;
                    tokens = [];
                }

                continue;
            }

            if (line[0] == '#')
            {
                continue;
            }

            var cut = line.IndexOf('\t', StringComparison.Ordinal);
            if (cut < 0)
            {
                cut = line.IndexOf(' ', StringComparison.Ordinal);
            }

            var token = cut < 0 ? line : line[..cut];
            tokens.Add(token);
        }

        if (tokens.Count > 0)
        {
            yield return tokens;
        }
    }
}
