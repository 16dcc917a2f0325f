using System.Text;

namespace Lagebild.Nlp.Entities;

/// <summary>
/// A linear BIO tagger over hashed features, decoded greedily left to right (an I- label only continues its type).
/// Optionally stacked on an auxiliary model trained on other data, whose labels are features. The file holds the
/// language, the hash width, the gazetteer, the non-zero weight rows as half floats and the auxiliary model.
/// </summary>
public sealed class NerModel
{
    private const string Magic = "LBNER6";

    // Only buckets with non-zero weights have a row: _rowOf[bucket] is its offset in _rows, or -1.
    private readonly int[] _rowOf;
    private readonly float[] _rows;

    private NerModel(string language, int hashBits, NerGazetteer gazetteer, int labelMask, NerModel? auxiliary, int[] rowOf, float[] rows)
    {
        Language = language;
        HashBits = hashBits;
        Gazetteer = gazetteer;
        LabelMask = labelMask;
        Auxiliary = auxiliary;
        _rowOf = rowOf;
        _rows = rows;
        Features = new NerFeatures(gazetteer, hashBits, auxiliary);
    }

    /// <summary>A model from dense weights (bucket · <see cref="NerLabels.Count"/> + label), rounded to half floats as stored.</summary>
    internal static NerModel FromDense(string language, int hashBits, NerGazetteer gazetteer, int labelMask, NerModel? auxiliary, float[] weights)
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

        return new NerModel(language, hashBits, gazetteer, labelMask, auxiliary, rowOf, [.. rows]);
    }

    public string Language { get; }

    public int HashBits { get; }

    public NerGazetteer Gazetteer { get; }

    /// <summary>The model whose labels are features of this one, if any.</summary>
    public NerModel? Auxiliary { get; }

    /// <summary>Bit l set when label l occurred in the training data; the decoder never picks the others.</summary>
    internal int LabelMask { get; }

    internal NerFeatures Features { get; }

    /// <summary>Subtracted from the score of O when decoding: trades precision for recall (chosen on dev data).</summary>
    public float OutsideBias { get; private set; }

    /// <summary>The same weights with another <see cref="OutsideBias"/>.</summary>
    public NerModel WithOutsideBias(float bias) =>
        new(Language, HashBits, Gazetteer, LabelMask, Auxiliary, _rowOf, _rows) { OutsideBias = bias };

    /// <summary>Buckets with non-zero weights.</summary>
    public int RowCount => _rows.Length / NerLabels.Count;

    /// <summary>Labels (see <see cref="NerLabels"/>) for the tokens of one sentence.</summary>
    public byte[] Tag(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var labels = new byte[tokens.Count];
        Tag(tokens, labels, new NerFeatures.Sentence());
        return labels;
    }

    internal void Tag(IReadOnlyList<string> tokens, Span<byte> labels, NerFeatures.Sentence scratch)
    {
        if (tokens.Count == 0)
        {
            return;
        }

        Features.Prepare(tokens, scratch);
        Decode(scratch, Features.StaticCount, labels);
    }

    /// <summary>Greedy decoding over prepared static rows (<paramref name="stride"/> rows per token, this model's first).</summary>
    internal void Decode(NerFeatures.Sentence scratch, int stride, Span<byte> labels)
    {
        var count = Features.StaticCount;
        Span<int> history = stackalloc int[NerFeatures.HistoryPerToken];
        Span<float> scores = stackalloc float[NerLabels.Count];
        int previous = NerLabels.Outside, beforePrevious = NerLabels.Outside;
        for (var i = 0; i < labels.Length; i++)
        {
            Features.HistoryRows(scratch, i, previous, beforePrevious, history);
            scores.Clear();
            AddRows(scratch.Rows.AsSpan(i * stride, count), scores);
            AddRows(history, scores);
            scores[NerLabels.Outside] -= OutsideBias;
            var best = Best(scores, previous, LabelMask);
            labels[i] = (byte)best;
            beforePrevious = previous;
            previous = best;
        }
    }

    private void AddRows(ReadOnlySpan<int> buckets, Span<float> scores)
    {
        foreach (var bucket in buckets)
        {
            var row = _rowOf[bucket];
            if (row < 0)
            {
                continue;
            }

            var weights = _rows.AsSpan(row, NerLabels.Count);
            for (var l = 0; l < NerLabels.Count; l++)
            {
                scores[l] += weights[l];
            }
        }
    }

    internal static int Best(ReadOnlySpan<float> scores, int previous, int labelMask)
    {
        int best = NerLabels.Outside;
        var bestScore = scores[NerLabels.Outside];
        for (var l = 1; l < NerLabels.Count; l++)
        {
            if (scores[l] > bestScore && (labelMask & (1 << l)) != 0 && NerLabels.IsAllowedAfter(previous, l))
            {
                best = l;
                bestScore = scores[l];
            }
        }

        return best;
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
        if (!string.Equals(reader.ReadString(), Magic, StringComparison.Ordinal))
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
        var outsideBias = reader.ReadSingle();
        var gazetteer = parentGazetteer ?? NerGazetteer.Read(reader);

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
        return new NerModel(language, hashBits, gazetteer, labelMask, auxiliary, rowOf, rows) { OutsideBias = outsideBias };
    }
}
