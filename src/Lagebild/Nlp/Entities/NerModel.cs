using System.Text;

namespace Lagebild.Nlp.Entities;

/// <summary>
/// A linear BIO tagger over hashed features, decoded greedily left to right (an I- label only continues its type).
/// The file holds the language, the hash width, the gazetteer and the non-zero weight rows as half floats.
/// </summary>
public sealed class NerModel
{
    private const string Magic = "LBNER2";

    internal NerModel(string language, int hashBits, NerGazetteer gazetteer, float[] weights, int labelMask)
    {
        LabelMask = labelMask;
        Language = language;
        HashBits = hashBits;
        Gazetteer = gazetteer;
        Weights = weights;
        Features = new NerFeatures(gazetteer, hashBits);
    }

    public string Language { get; }

    public int HashBits { get; }

    public NerGazetteer Gazetteer { get; }

    /// <summary>Bit l set when label l occurred in the training data; the decoder never picks the others.</summary>
    internal int LabelMask { get; }

    internal float[] Weights { get; }

    internal NerFeatures Features { get; }

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
        Span<int> history = stackalloc int[NerFeatures.HistoryPerToken];
        Span<float> scores = stackalloc float[NerLabels.Count];
        int previous = NerLabels.Outside, beforePrevious = NerLabels.Outside;
        for (var i = 0; i < tokens.Count; i++)
        {
            Features.HistoryRows(scratch, i, previous, beforePrevious, history);
            Score(Weights, scratch.Rows.AsSpan(i * NerFeatures.StaticPerToken, NerFeatures.StaticPerToken), history, scores);
            var best = Best(scores, previous, LabelMask);
            labels[i] = (byte)best;
            beforePrevious = previous;
            previous = best;
        }
    }

    internal static void Score(float[] weights, ReadOnlySpan<int> staticRows, ReadOnlySpan<int> historyRows, Span<float> scores)
    {
        scores.Clear();
        foreach (var row in staticRows)
        {
            Add(weights.AsSpan(row, NerLabels.Count), scores);
        }

        foreach (var row in historyRows)
        {
            Add(weights.AsSpan(row, NerLabels.Count), scores);
        }

        static void Add(ReadOnlySpan<float> row, Span<float> scores)
        {
            for (var l = 0; l < NerLabels.Count; l++)
            {
                scores[l] += row[l];
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
        writer.Write(Magic);
        writer.Write(Language);
        writer.Write(HashBits);
        writer.Write(NerLabels.Count);
        writer.Write(LabelMask);
        writer.Write(Gazetteer.Count);
        foreach (var (key, classes) in Gazetteer.Entries)
        {
            writer.Write(key);
            writer.Write((byte)classes);
        }

        var rows = Weights.Length / NerLabels.Count;
        var nonZero = 0;
        for (var r = 0; r < rows; r++)
        {
            nonZero += IsZero(r) ? 0 : 1;
        }

        writer.Write(nonZero);
        for (var r = 0; r < rows; r++)
        {
            if (IsZero(r))
            {
                continue;
            }

            writer.Write(r);
            for (var l = 0; l < NerLabels.Count; l++)
            {
                writer.Write((Half)Weights[(r * NerLabels.Count) + l]);
            }
        }

        bool IsZero(int row)
        {
            for (var l = 0; l < NerLabels.Count; l++)
            {
                if ((Half)Weights[(row * NerLabels.Count) + l] != Half.Zero)
                {
                    return false;
                }
            }

            return true;
        }
    }

    public static NerModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new BufferedStream(File.OpenRead(path), 1 << 16);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        if (!string.Equals(reader.ReadString(), Magic, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"'{path}' is not a Lagebild NER model.");
        }

        var language = reader.ReadString();
        var hashBits = reader.ReadInt32();
        if (reader.ReadInt32() != NerLabels.Count || hashBits is < 10 or > 26)
        {
            throw new InvalidDataException($"'{path}' has an unsupported label set or hash width.");
        }

        var labelMask = reader.ReadInt32();
        var gazetteer = new NerGazetteer();
        var entries = reader.ReadInt32();
        for (var i = 0; i < entries; i++)
        {
            var key = reader.ReadString();
            gazetteer.AddEntry(key, (GazetteerClass)reader.ReadByte());
        }

        var weights = new float[(1 << hashBits) * NerLabels.Count];
        var nonZero = reader.ReadInt32();
        for (var i = 0; i < nonZero; i++)
        {
            var offset = reader.ReadInt32() * NerLabels.Count;
            for (var l = 0; l < NerLabels.Count; l++)
            {
                weights[offset + l] = (float)reader.ReadHalf();
            }
        }

        return new NerModel(language, hashBits, gazetteer, weights, labelMask);
    }
}
