using System.IO.Compression;
using System.Text;

namespace Lagebild.Nlp.Morphology;

/// <summary>
/// A trained tagger and lemmatiser for one language. Tagging runs three greedy left-to-right passes: part of
/// speech (UPOS and XPOS as one label), the UD feature bundle (restricted to the bundles seen with the predicted
/// part of speech), then the lemma (training lexicon first, else the best applicable edit script).
/// Immutable after loading: one instance serves every thread.
/// </summary>
public sealed class MorphTagger
{
    private const string Magic = "LBMORPH3";

    // Models without a word lexicon, still loadable.
    private const string MagicWithoutLexicon = "LBMORPH2";

    private readonly string[] _posLabels;
    private readonly string[] _upos;
    private readonly string[] _xpos;
    private readonly LinearModel _posModel;
    private readonly LinearModel? _posRightModel;
    private readonly string[] _featsLabels;
    private readonly int[][] _featsByPos;
    private readonly LinearModel _featsModel;
    private readonly EditScript[] _scripts;
    private readonly LinearModel _lemmaModel;
    private readonly Dictionary<string, string> _lexicon;

    // The lexicon regrouped by form for lookups without building key strings: per form, (UPOS, FEATS or null, lemma).
    private readonly Dictionary<string, LexiconEntry[]> _lexiconByForm;
    private readonly Dictionary<string, int> _unambiguous;
    private readonly Dictionary<string, int> _ambiguityClasses;
    private readonly WordLexicon _wordLexicon;

    // Every lemma of the training data: an edit script that yields one is preferred over a close winner that yields an unknown word.
    private readonly HashSet<string> _knownLemmas;

    internal MorphTagger(
        string language,
        string[] posLabels,
        LinearModel posModel,
        LinearModel? posRightModel,
        string[] featsLabels,
        int[][] featsByPos,
        LinearModel featsModel,
        EditScript[] scripts,
        LinearModel lemmaModel,
        Dictionary<string, string> lexicon,
        Dictionary<string, int> unambiguous,
        Dictionary<string, int> ambiguityClasses,
        WordLexicon? wordLexicon = null)
    {
        Language = language;
        _posLabels = posLabels;
        _upos = new string[posLabels.Length];
        _xpos = new string[posLabels.Length];
        for (var i = 0; i < posLabels.Length; i++)
        {
            var tab = posLabels[i].IndexOf('\t', StringComparison.Ordinal);
            _upos[i] = tab < 0 ? posLabels[i] : posLabels[i][..tab];
            _xpos[i] = tab < 0 ? "_" : posLabels[i][(tab + 1)..];
        }

        _posModel = posModel;
        _posRightModel = posRightModel;
        _featsLabels = featsLabels;
        _featsByPos = featsByPos;
        _featsModel = featsModel;
        _scripts = scripts;
        _lemmaModel = lemmaModel;
        _lexicon = lexicon;
        _lexiconByForm = GroupByForm(lexicon);
        _unambiguous = unambiguous;
        _ambiguityClasses = ambiguityClasses;
        _wordLexicon = wordLexicon ?? WordLexicon.Empty;
        _knownLemmas = new HashSet<string>(lexicon.Values, StringComparer.Ordinal);
    }

    public string Language { get; }

    /// <summary>
    /// Score margin above which the first POS pass's label is kept without a second look; infinity rescores every word. 10 was as accurate as rescoring everything on EWT and GSD dev, and faster.
    /// </summary>
    public float SecondPassMargin { get; private init; } = DefaultSecondPassMargin;

    internal const float DefaultSecondPassMargin = 10f;

    /// <summary>
    /// How far below the best edit script another may score and still win, when the best yields no lemma seen in
    /// training and the other does ("closest": "clos" → "close"); 0 always takes the best script.
    /// </summary>
    public float LemmaVocabularyMargin { get; private init; } = DefaultLemmaVocabularyMargin;

    internal const float DefaultLemmaVocabularyMargin = 12f;

    /// <summary>A copy that skips the second POS pass for words the first pass was sure about (see <see cref="SecondPassMargin"/>).</summary>
    public MorphTagger WithSecondPassMargin(float margin) => new(
        Language, _posLabels, _posModel, _posRightModel, _featsLabels, _featsByPos, _featsModel, _scripts, _lemmaModel, _lexicon, _unambiguous, _ambiguityClasses, _wordLexicon)
    {
        SecondPassMargin = margin,
        LemmaVocabularyMargin = LemmaVocabularyMargin,
    };

    /// <summary>A copy with another <see cref="LemmaVocabularyMargin"/>.</summary>
    public MorphTagger WithLemmaVocabularyMargin(float margin) => new(
        Language, _posLabels, _posModel, _posRightModel, _featsLabels, _featsByPos, _featsModel, _scripts, _lemmaModel, _lexicon, _unambiguous, _ambiguityClasses, _wordLexicon)
    {
        SecondPassMargin = SecondPassMargin,
        LemmaVocabularyMargin = margin,
    };

    /// <summary>A one-line summary of the model's size, for logs.</summary>
    public string Describe() =>
        $"{Language}: {_posLabels.Length} POS labels, {_featsLabels.Length} feature bundles, {_scripts.Length} edit scripts, " +
        $"{(_posRightModel is null ? "one" : "two")} POS passes, {_posModel.WeightCount + (_posRightModel?.WeightCount ?? 0) + _featsModel.WeightCount + _lemmaModel.WeightCount} weights, {_lexicon.Count} lexicon entries" +
        (_wordLexicon.Count > 0 ? $", word lexicon of {_wordLexicon.Describe()}" : "");

    /// <summary>A copy with every weight below <paramref name="minimumWeight"/> in magnitude dropped: smaller and faster, for measuring the trade-off.</summary>
    public MorphTagger Pruned(float minimumWeight) => new(
        Language,
        _posLabels,
        _posModel.Pruned(minimumWeight),
        _posRightModel?.Pruned(minimumWeight),
        _featsLabels,
        _featsByPos,
        _featsModel.Pruned(minimumWeight),
        _scripts,
        _lemmaModel.Pruned(minimumWeight),
        _lexicon,
        _unambiguous,
        _ambiguityClasses,
        _wordLexicon)
    {
        SecondPassMargin = SecondPassMargin,
        LemmaVocabularyMargin = LemmaVocabularyMargin,
    };

    /// <summary>Analyses one sentence given as word forms.</summary>
    public MorphAnalysis[] Tag(IReadOnlyList<string> forms)
    {
        ArgumentNullException.ThrowIfNull(forms);
        if (forms.Count == 0)
        {
            return [];
        }

        var view = new SentenceView(forms, _ambiguityClasses, _wordLexicon);
        var buffer = new FeatureBuffer();
        var pos = PredictPos(view, buffer);
        var feats = PredictFeats(view, pos, buffer);
        var result = new MorphAnalysis[view.Count];
        for (var i = 0; i < view.Count; i++)
        {
            var lemma = PredictLemma(view.Forms[i], view.Lower[i], pos[i], feats[i], buffer);
            result[i] = new MorphAnalysis(_upos[pos[i]], _xpos[pos[i]], _featsLabels[feats[i]], lemma, lemma);
        }

        return result;
    }

    internal int[] PredictPos(SentenceView view, FeatureBuffer buffer)
    {
        var margins = new float[view.Count];
        var first = PredictPosPass(_posModel, view, null, margins, buffer);
        return _posRightModel is null ? first : PredictPosPass(_posRightModel, view, first, margins, buffer);
    }

    /// <summary>
    /// One greedy left-to-right pass. The second pass also sees the first pass's labels to the right, which a
    /// single left-to-right pass cannot know yet; it keeps the first pass's label without rescoring where that
    /// label won by at least <see cref="SecondPassMargin"/> and the labels to the left agree.
    /// </summary>
    private int[] PredictPosPass(LinearModel model, SentenceView view, int[]? firstPass, float[] margins, FeatureBuffer buffer)
    {
        var pos = new int[view.Count];
        Span<float> scores = stackalloc float[model.ClassCount];
        for (var i = 0; i < view.Count; i++)
        {
            if (_unambiguous.TryGetValue(view.Forms[i], out var known))
            {
                pos[i] = known;
                margins[i] = float.PositiveInfinity;
                continue;
            }

            if (firstPass is not null && margins[i] >= SecondPassMargin
                && (i == 0 || pos[i - 1] == firstPass[i - 1]) && (i < 2 || pos[i - 2] == firstPass[i - 2]))
            {
                pos[i] = firstPass[i];
                continue;
            }

            MorphFeatures.Pos(view, i, i > 0 ? pos[i - 1] : -1, i > 1 ? pos[i - 2] : -1, buffer);
            if (firstPass is not null)
            {
                MorphFeatures.AddRightContext(view, i, firstPass, buffer);
            }

            scores.Clear();
            model.Score(buffer.Keys, scores);
            pos[i] = ArgMax(scores);
            if (firstPass is null)
            {
                margins[i] = Margin(scores, pos[i]);
            }
        }

        return pos;
    }

    private static float Margin(ReadOnlySpan<float> scores, int best)
    {
        var second = float.NegativeInfinity;
        for (var c = 0; c < scores.Length; c++)
        {
            if (c != best && scores[c] > second)
            {
                second = scores[c];
            }
        }

        return scores[best] - second;
    }

    internal int[] PredictFeats(SentenceView view, int[] pos, FeatureBuffer buffer)
    {
        var feats = new int[view.Count];
        Span<float> scores = stackalloc float[_featsModel.ClassCount];
        var lastAdposition = -1;
        for (var i = 0; i < view.Count; i++)
        {
            var candidates = _featsByPos[pos[i]];
            if (candidates.Length == 1)
            {
                feats[i] = candidates[0];
            }
            else
            {
                MorphFeatures.Feats(view, i, pos, feats, lastAdposition, buffer);
                scores.Clear();
                _featsModel.Score(buffer.Keys, scores);
                var best = candidates[0];
                foreach (var candidate in candidates)
                {
                    if (scores[candidate] > scores[best])
                    {
                        best = candidate;
                    }
                }

                feats[i] = best;
            }

            if (string.Equals(_upos[pos[i]], "ADP", StringComparison.Ordinal))
            {
                lastAdposition = i;
            }
        }

        return feats;
    }

    internal string PredictLemma(string form, string lower, int pos, int feats, FeatureBuffer buffer)
    {
        var upos = _upos[pos];
        var bundle = _featsLabels[feats];
        if (LookUp(form, upos, bundle) is { } lemma)
        {
            return lemma;
        }

        // The lowercased entries serve capitalised words ("The" → "the"); a lowercase word would only find the
        // lemma of some capitalised spelling ("al" → "Al").
        if (!string.Equals(form, lower, StringComparison.Ordinal) && LookUp(lower, upos, bundle) is { } lowered)
        {
            return lowered;
        }

        MorphFeatures.Lemma(form, lower, pos, feats, buffer);
        var scores = _lemmaModel.ClassCount <= 4096 ? stackalloc float[_lemmaModel.ClassCount] : new float[_lemmaModel.ClassCount];
        scores.Clear();
        _lemmaModel.Score(buffer.Keys, scores);
        var cased = new CasedForms(form, lower);
        var best = BestApplicable(_scripts, scores, cased);
        var predicted = best >= 0 ? _scripts[best].Apply(cased) : null;
        if (LemmaVocabularyMargin > 0 && best >= 0 && (predicted is null || !_knownLemmas.Contains(predicted)))
        {
            var threshold = scores[best] - LemmaVocabularyMargin;
            var known = -1;
            string? knownLemma = null;
            for (var c = 0; c < scores.Length; c++)
            {
                if (c != best && scores[c] >= threshold && (known < 0 || scores[c] > scores[known])
                    && _scripts[c].Apply(cased) is { } candidate && _knownLemmas.Contains(candidate))
                {
                    known = c;
                    knownLemma = candidate;
                }
            }

            predicted = knownLemma ?? predicted;
        }

        return predicted ?? form;
    }

    internal static int BestApplicable(EditScript[] scripts, ReadOnlySpan<float> scores, CasedForms cased)
    {
        var best = -1;
        for (var c = 0; c < scores.Length; c++)
        {
            if ((best < 0 || scores[c] > scores[best]) && scripts[c].AppliesTo(cased))
            {
                best = c;
            }
        }

        return best;
    }

    /// <summary>The lemma listed for the form with this UPOS and FEATS, else with this UPOS, else null.</summary>
    private string? LookUp(string form, string upos, string feats)
    {
        if (!_lexiconByForm.TryGetValue(form, out var entries))
        {
            return null;
        }

        string? byUpos = null;
        foreach (var entry in entries)
        {
            if (string.Equals(entry.Upos, upos, StringComparison.Ordinal))
            {
                if (entry.Feats is null)
                {
                    byUpos = entry.Lemma;
                }
                else if (string.Equals(entry.Feats, feats, StringComparison.Ordinal))
                {
                    return entry.Lemma;
                }
            }
        }

        return byUpos;
    }

    private static Dictionary<string, LexiconEntry[]> GroupByForm(Dictionary<string, string> lexicon)
    {
        var grouped = new Dictionary<string, List<LexiconEntry>>(StringComparer.Ordinal);
        // Tens of thousands of entries share a few hundred UPOS and FEATS values: one string each saves megabytes.
        var shared = new Dictionary<string, string>(StringComparer.Ordinal);
        string Shared(string value) => shared.TryGetValue(value, out var known) ? known : shared[value] = value;
        foreach (var (key, lemma) in lexicon)
        {
            var parts = key.Split('\t');
            if (parts.Length is < 2 or > 3)
            {
                throw new InvalidDataException($"Bad lexicon key '{key}'.");
            }

            if (!grouped.TryGetValue(parts[0], out var list))
            {
                grouped[parts[0]] = list = [];
            }

            list.Add(new LexiconEntry(Shared(parts[1]), parts.Length == 3 ? Shared(parts[2]) : null, lemma));
        }

        return grouped.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }

    private sealed record LexiconEntry(string Upos, string? Feats, string Lemma);

    internal static string LexiconKey(string form, string upos) => string.Concat(form, "\t", upos);

    internal static string LexiconKey(string form, string upos, string feats) => string.Concat(form, "\t", upos, "\t", feats);

    internal int PosLabelCount => _posLabels.Length;

    private static int ArgMax(ReadOnlySpan<float> scores)
    {
        var best = 0;
        for (var c = 1; c < scores.Length; c++)
        {
            if (scores[c] > scores[best])
            {
                best = c;
            }
        }

        return best;
    }

    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = File.Create(path);
        using var compressed = new BrotliStream(file, CompressionLevel.SmallestSize);
        using var writer = new BinaryWriter(compressed, Encoding.UTF8);
        writer.Write(Magic);
        writer.Write(Language);
        WriteStrings(writer, _posLabels);
        _posModel.Write(writer);
        writer.Write(_posRightModel is not null);
        _posRightModel?.Write(writer);
        WriteStrings(writer, _featsLabels);
        writer.Write(_featsByPos.Length);
        foreach (var candidates in _featsByPos)
        {
            writer.Write(candidates.Length);
            foreach (var c in candidates)
            {
                writer.Write(c);
            }
        }

        _featsModel.Write(writer);
        WriteStrings(writer, [.. _scripts.Select(s => s.Key)]);
        _lemmaModel.Write(writer);
        writer.Write(_lexicon.Count);
        foreach (var (key, value) in _lexicon.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.Write(key);
            writer.Write(value);
        }

        WriteCounts(writer, _unambiguous);
        WriteCounts(writer, _ambiguityClasses);
        _wordLexicon.Write(writer);
    }

    public static MorphTagger Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = File.OpenRead(path);
        using var compressed = new BrotliStream(file, CompressionMode.Decompress);
        using var buffered = new BufferedStream(compressed, 1 << 16);
        using var reader = new BinaryReader(buffered, Encoding.UTF8);
        var magic = reader.ReadString();
        if (!string.Equals(magic, Magic, StringComparison.Ordinal) && !string.Equals(magic, MagicWithoutLexicon, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path} is not a Lagebild morphology model.");
        }

        var language = reader.ReadString();
        var posLabels = ReadStrings(reader);
        var posModel = LinearModel.Read(reader);
        var posRightModel = reader.ReadBoolean() ? LinearModel.Read(reader) : null;
        var featsLabels = ReadStrings(reader);
        var featsByPos = new int[reader.ReadInt32()][];
        for (var p = 0; p < featsByPos.Length; p++)
        {
            var candidates = new int[reader.ReadInt32()];
            for (var i = 0; i < candidates.Length; i++)
            {
                candidates[i] = reader.ReadInt32();
                if ((uint)candidates[i] >= (uint)featsLabels.Length)
                {
                    throw new InvalidDataException("Feature bundle index out of range.");
                }
            }

            featsByPos[p] = candidates.Length > 0 ? candidates : [0];
        }

        var featsModel = LinearModel.Read(reader);
        var scripts = ReadStrings(reader).Select(EditScript.FromKey).ToArray();
        var lemmaModel = LinearModel.Read(reader);
        var lexicon = new Dictionary<string, string>(StringComparer.Ordinal);
        var lexiconCount = reader.ReadInt32();
        for (var i = 0; i < lexiconCount; i++)
        {
            lexicon[reader.ReadString()] = reader.ReadString();
        }

        var unambiguous = ReadCounts(reader);
        var ambiguityClasses = ReadCounts(reader);
        var wordLexicon = string.Equals(magic, Magic, StringComparison.Ordinal) ? WordLexicon.Read(reader) : WordLexicon.Empty;

        if (posLabels.Length == 0 || featsLabels.Length == 0 || featsByPos.Length != posLabels.Length
            || posModel.ClassCount != posLabels.Length || (posRightModel is not null && posRightModel.ClassCount != posLabels.Length) || featsModel.ClassCount != featsLabels.Length
            || scripts.Length != lemmaModel.ClassCount || unambiguous.Values.Any(v => (uint)v >= (uint)posLabels.Length))
        {
            throw new InvalidDataException($"{path}: inconsistent morphology model.");
        }

        return new MorphTagger(language, posLabels, posModel, posRightModel, featsLabels, featsByPos, featsModel, scripts, lemmaModel, lexicon, unambiguous, ambiguityClasses, wordLexicon);
    }

    private static void WriteCounts(BinaryWriter writer, Dictionary<string, int> values)
    {
        writer.Write(values.Count);
        foreach (var (key, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.Write(key);
            writer.Write(value);
        }
    }

    private static Dictionary<string, int> ReadCounts(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        var values = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            values[reader.ReadString()] = reader.ReadInt32();
        }

        return values;
    }

    private static void WriteStrings(BinaryWriter writer, string[] values)
    {
        writer.Write(values.Length);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    private static string[] ReadStrings(BinaryReader reader)
    {
        var values = new string[reader.ReadInt32()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadString();
        }

        return values;
    }
}
