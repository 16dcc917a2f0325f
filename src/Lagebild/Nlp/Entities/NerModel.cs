using System.Text;

namespace Lagebild.Nlp.Entities;

/// <summary>
/// A linear BIO tagger over hashed features with first-order transition features, decoded exactly (Viterbi; an I-
/// label only continues its type). Optionally reads predicted parts of speech, and optionally stacked on an auxiliary
/// model trained on other data, whose labels are features. The file holds the language, the hash width, the
/// gazetteer, whether tags are read, the non-zero weight rows as half floats and the auxiliary model.
/// </summary>
public sealed class NerModel
{
    // Version 9: feature set, mention memory window, and word clusters in the gazetteer.
    private const string Magic = "LBNER9";

    // The format before feature sets and clusters still loads: original features, no memory, no clusters.
    private const string MagicBeforeFeatureSets = "LBNER7";

    // Only buckets with non-zero weights have a row: _rowOf[bucket] is its offset in _rows, or -1.
    private readonly int[] _rowOf;
    private readonly float[] _rows;

    private NerModel(string language, int hashBits, NerGazetteer gazetteer, bool partOfSpeech, int featureSet, int labelMask, NerModel? auxiliary, int[] rowOf, float[] rows)
    {
        FeatureSet = featureSet;
        Language = language;
        HashBits = hashBits;
        Gazetteer = gazetteer;
        UsesPartOfSpeech = partOfSpeech;
        LabelMask = labelMask;
        Auxiliary = auxiliary;
        _rowOf = rowOf;
        _rows = rows;
        Features = new NerFeatures(gazetteer, hashBits, partOfSpeech, auxiliary, featureSet);
    }

    /// <summary>A model from dense weights (bucket · <see cref="NerLabels.Count"/> + label), rounded to half floats as stored.</summary>
    internal static NerModel FromDense(string language, int hashBits, NerGazetteer gazetteer, bool partOfSpeech, int featureSet, int labelMask, NerModel? auxiliary, float[] weights)
    {
        var buckets = 1 << hashBits;
        var rowOf = new int[buckets];
        var rows = new List<float>();
        for (var b = 0; b < buckets; b++)
        {
            var zero = true;
            for (var l = 0; l < NerLabels.Count && zero; l++)
            {
                zero = (Half)weights[(b * NerLabels.Count) + l] == Half.Zero;
            }

            if (zero)
            {
                rowOf[b] = -1;
                continue;
            }

            rowOf[b] = rows.Count;
            for (var l = 0; l < NerLabels.Count; l++)
            {
                rows.Add((float)(Half)weights[(b * NerLabels.Count) + l]);
            }
        }

        return new NerModel(language, hashBits, gazetteer, partOfSpeech, featureSet, labelMask, auxiliary, rowOf, [.. rows]);
    }

    /// <summary>
    /// The mean of models trained alike on the same data (other seeds, so other sentence orders): a smoother linear
    /// model than any one of them. They must share language, hash width, gazetteer, tag use and auxiliary model.
    /// </summary>
    public static NerModel Average(IReadOnlyList<NerModel> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentOutOfRangeException.ThrowIfZero(models.Count);
        var first = models[0];
        if (models.Any(m => m.HashBits != first.HashBits || !ReferenceEquals(m.Gazetteer, first.Gazetteer) || m.UsesPartOfSpeech != first.UsesPartOfSpeech || m.FeatureSet != first.FeatureSet
            || !ReferenceEquals(m.Auxiliary, first.Auxiliary) || !string.Equals(m.Language, first.Language, StringComparison.Ordinal)))
        {
            throw new ArgumentException("Only models trained alike can be averaged.", nameof(models));
        }

        var dense = new float[(1 << first.HashBits) * NerLabels.Count];
        var labelMask = 0;
        foreach (var model in models)
        {
            labelMask |= model.LabelMask;
            for (var bucket = 0; bucket < model._rowOf.Length; bucket++)
            {
                var row = model._rowOf[bucket];
                for (var l = 0; row >= 0 && l < NerLabels.Count; l++)
                {
                    dense[(bucket * NerLabels.Count) + l] += model._rows[row + l] / models.Count;
                }
            }
        }

        return FromDense(first.Language, first.HashBits, first.Gazetteer, first.UsesPartOfSpeech, first.FeatureSet, labelMask, first.Auxiliary, dense);
    }

    public string Language { get; }

    public int HashBits { get; }

    public NerGazetteer Gazetteer { get; }

    /// <summary>Whether predicted UPOS/XPOS tags are features (the caller runs the tagger of the language first).</summary>
    public bool UsesPartOfSpeech { get; }

    /// <summary>Which features the model reads (see <see cref="NerFeatureSets"/>).</summary>
    public int FeatureSet { get; }

    /// <summary>The model whose labels are features of this one, if any.</summary>
    public NerModel? Auxiliary { get; }

    /// <summary>Bit l set when label l occurred in the training data; the decoder never picks the others.</summary>
    internal int LabelMask { get; }

    internal NerFeatures Features { get; }

    /// <summary>Subtracted from the score of O when decoding: trades precision for recall (chosen on dev data).</summary>
    public float OutsideBias { get; private set; }

    /// <summary>
    /// How many earlier sentences of the same document (or input stream) a <see cref="NerMentionMemory"/> remembers
    /// when this model tags a document; 0: none, sentences are tagged alone (chosen on dev data).
    /// </summary>
    public int MemoryWindow { get; private set; }

    /// <summary>A memory for one document, or null when the model tags sentences alone.</summary>
    public NerMentionMemory? NewMemory() =>
        Features.UsesDocument ? new NerMentionMemory(MemoryWindow, new NerFirstPassHistory())
        : MemoryWindow > 0 ? new NerMentionMemory(MemoryWindow)
        : null;

    /// <summary>The same weights with another <see cref="OutsideBias"/>.</summary>
    public NerModel WithOutsideBias(float bias) =>
        new(Language, HashBits, Gazetteer, UsesPartOfSpeech, FeatureSet, LabelMask, Auxiliary, _rowOf, _rows) { OutsideBias = bias, MemoryWindow = MemoryWindow };

    /// <summary>The same weights with another <see cref="MemoryWindow"/>.</summary>
    public NerModel WithMemoryWindow(int sentences)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sentences);
        return new(Language, HashBits, Gazetteer, UsesPartOfSpeech, FeatureSet, LabelMask, Auxiliary, _rowOf, _rows) { OutsideBias = OutsideBias, MemoryWindow = sentences };
    }

    /// <summary>Buckets with non-zero weights.</summary>
    public int RowCount => _rows.Length / NerLabels.Count;

    /// <summary>Labels (see <see cref="NerLabels"/>) for the tokens of one sentence with their predicted tags (null: none).</summary>
    public byte[] Tag(IReadOnlyList<string> tokens, NerTags? tags = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var labels = new byte[tokens.Count];
        Tag(tokens, tags, labels, new NerFeatures.Sentence());
        return labels;
    }

    /// <param name="memory">The document's memory of earlier mentions (see <see cref="NewMemory"/>), or null.</param>
    internal void Tag(IReadOnlyList<string> tokens, NerTags? tags, Span<byte> labels, NerFeatures.Sentence scratch, NerMentionMemory? memory = null)
    {
        if (tokens.Count == 0)
        {
            return;
        }

        var history = Features.UsesDocument ? memory?.FirstPass : null;
        Features.Prepare(tokens, tags, scratch, history: history);
        Decode(scratch, Features.StaticCount, labels);
        history?.Add(tokens, scratch.AuxiliaryLabels.AsSpan(0, tokens.Count));
        memory?.Apply(tokens, labels);
    }

    /// <summary>Viterbi decoding over prepared static rows (<paramref name="stride"/> rows per token, this model's first).</summary>
    internal void Decode(NerFeatures.Sentence scratch, int stride, Span<byte> labels) =>
        Viterbi(new StoredWeights(_rowOf, _rows), Features, scratch, stride, OutsideBias, LabelMask, labels);

    /// <summary>Weight rows by bucket, as the decoder reads them.</summary>
    internal interface IWeights
    {
        void AddRows(ReadOnlySpan<int> buckets, Span<float> scores);
    }

    private readonly struct StoredWeights(int[] rowOf, float[] rows) : IWeights
    {
        public void AddRows(ReadOnlySpan<int> buckets, Span<float> scores)
        {
            foreach (var bucket in buckets)
            {
                var row = rowOf[bucket];
                if (row < 0)
                {
                    continue;
                }

                var weights = rows.AsSpan(row, NerLabels.Count);
                for (var l = 0; l < NerLabels.Count; l++)
                {
                    scores[l] += weights[l];
                }
            }
        }
    }

    /// <summary>
    /// The best label sequence under static and first-order transition features, allowed labels only; the token
    /// before the sentence counts as O, so a sentence cannot start with I-.
    /// </summary>
    /// <param name="gold">In training: gold labels; every other label gets <paramref name="cost"/> added (loss-augmented decoding).</param>
    internal static void Viterbi<TWeights>(TWeights weights, NerFeatures features, NerFeatures.Sentence scratch, int stride, float outsideBias, int labelMask, Span<byte> labels, ReadOnlySpan<byte> gold = default, float cost = 0)
        where TWeights : struct, IWeights
    {
        const int L = NerLabels.Count;
        var n = labels.Length;
        if (n == 0)
        {
            return;
        }

        var count = features.StaticCount;
        var lattice = scratch.Lattice;
        var back = scratch.Back;
        Span<int> history = stackalloc int[NerFeatures.HistoryPerToken];
        Span<float> emission = stackalloc float[L];
        Span<float> transition = stackalloc float[L];
        for (var i = 0; i < n; i++)
        {
            emission.Clear();
            weights.AddRows(scratch.Rows.AsSpan(i * stride, count), emission);
            emission[NerLabels.Outside] -= outsideBias;
            if (cost != 0)
            {
                for (var l = 0; l < L; l++)
                {
                    emission[l] += l == gold[i] ? 0 : cost;
                }
            }
            var cell = lattice.AsSpan(i * L, L);
            cell.Fill(float.NegativeInfinity);
            for (var previous = 0; previous < L; previous++)
            {
                float before;
                if (i == 0)
                {
                    if (previous != NerLabels.Outside)
                    {
                        continue;
                    }

                    before = 0;
                }
                else
                {
                    before = lattice[((i - 1) * L) + previous];
                    if (float.IsNegativeInfinity(before))
                    {
                        continue;
                    }
                }

                features.HistoryRows(scratch, i, previous, history);
                transition.Clear();
                weights.AddRows(history, transition);
                for (var l = 0; l < L; l++)
                {
                    if ((labelMask & (1 << l)) == 0 || !NerLabels.IsAllowedAfter(previous, l))
                    {
                        continue;
                    }

                    var score = before + emission[l] + transition[l];
                    if (score > cell[l])
                    {
                        cell[l] = score;
                        back[(i * L) + l] = (byte)previous;
                    }
                }
            }
        }

        int best = NerLabels.Outside;
        var last = lattice.AsSpan((n - 1) * L, L);
        for (var l = 1; l < L; l++)
        {
            if (last[l] > last[best])
            {
                best = l;
            }
        }

        for (var i = n - 1; i >= 0; i--)
        {
            labels[i] = (byte)best;
            best = back[(i * L) + best];
        }
    }

    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.Create(path);
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        Write(writer, withGazetteer: true);
    }

    private void Write(BinaryWriter writer, bool withGazetteer)
    {
        writer.Write(Magic);
        writer.Write(Language);
        writer.Write(HashBits);
        writer.Write(NerLabels.Count);
        writer.Write(LabelMask);
        writer.Write(UsesPartOfSpeech);
        writer.Write(FeatureSet);
        writer.Write(MemoryWindow);
        writer.Write(OutsideBias);
        if (withGazetteer)
        {
            Gazetteer.Write(writer);
        }

        writer.Write(RowCount);
        for (var bucket = 0; bucket < _rowOf.Length; bucket++)
        {
            var row = _rowOf[bucket];
            if (row < 0)
            {
                continue;
            }

            writer.Write(bucket);
            for (var l = 0; l < NerLabels.Count; l++)
            {
                writer.Write((Half)_rows[row + l]);
            }
        }

        writer.Write(Auxiliary is not null);
        Auxiliary?.Write(writer, withGazetteer: false);
    }

    public static NerModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new BufferedStream(File.OpenRead(path), 1 << 16);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        return Read(reader, path, null);
    }

    /// <summary>Reads a model; an auxiliary model is stored without a gazetteer and shares its parent's.</summary>
    private static NerModel Read(BinaryReader reader, string path, NerGazetteer? parentGazetteer)
    {
        var magic = reader.ReadString();
        if (!string.Equals(magic, Magic, StringComparison.Ordinal) && !string.Equals(magic, MagicBeforeFeatureSets, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"'{path}' is not a Lagebild NER model of this version.");
        }

        var language = reader.ReadString();
        var hashBits = reader.ReadInt32();
        if (reader.ReadInt32() != NerLabels.Count || hashBits is < 10 or > 26)
        {
            throw new InvalidDataException($"'{path}' has an unsupported label set or hash width.");
        }

        var labelMask = reader.ReadInt32();
        var partOfSpeech = reader.ReadBoolean();
        var current = string.Equals(magic, Magic, StringComparison.Ordinal);
        var featureSet = current ? reader.ReadInt32() : NerFeatureSets.Original;
        var memoryWindow = current ? reader.ReadInt32() : 0;
        if (featureSet is < NerFeatureSets.Original or > NerFeatureSets.Latest || memoryWindow < 0)
        {
            throw new InvalidDataException($"'{path}' uses an unknown feature set {featureSet} or a negative memory window.");
        }

        var outsideBias = reader.ReadSingle();
        var gazetteer = parentGazetteer ?? NerGazetteer.Read(reader, withClusters: current);

        var rowOf = new int[1 << hashBits];
        Array.Fill(rowOf, -1);
        var count = reader.ReadInt32();
        var rows = new float[count * NerLabels.Count];
        for (var i = 0; i < count; i++)
        {
            rowOf[reader.ReadInt32()] = i * NerLabels.Count;
            for (var l = 0; l < NerLabels.Count; l++)
            {
                rows[(i * NerLabels.Count) + l] = (float)reader.ReadHalf();
            }
        }

        var auxiliary = reader.ReadBoolean() ? Read(reader, path, gazetteer) : null;
        return new NerModel(language, hashBits, gazetteer, partOfSpeech, featureSet, labelMask, auxiliary, rowOf, rows) { OutsideBias = outsideBias, MemoryWindow = memoryWindow };
    }
}
