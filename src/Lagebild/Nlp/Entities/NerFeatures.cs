namespace Lagebild.Nlp.Entities;

/// <summary>
/// Hashed features of the tagger. Static features depend on the words only and are computed once per sentence;
/// history features combine them with the labels already chosen to the left. A feature is a row offset
/// bucket of the weight table.
/// </summary>
internal sealed class NerFeatures
{
    public const int BaseStaticCount = 32;
    public const int AuxiliaryCount = 4;
    public const int MaxStaticCount = BaseStaticCount + AuxiliaryCount;
    public const int HistoryPerToken = 5;

    private const int Pad = 2;
    private static readonly ulong Begin = NerHash.Of("<s>");
    private static readonly ulong End = NerHash.Of("</s>");

    private readonly NerGazetteer _gazetteer;
    private readonly NerModel? _auxiliary;
    private readonly int _shift;

    /// <param name="auxiliary">A model trained on other data whose labels become features (stacking).</param>
    public NerFeatures(NerGazetteer gazetteer, int hashBits, NerModel? auxiliary)
    {
        if (auxiliary is not null && (auxiliary.HashBits != hashBits || !ReferenceEquals(auxiliary.Gazetteer, gazetteer) || auxiliary.Auxiliary is not null))
        {
            throw new ArgumentException("An auxiliary model must share the hash width and gazetteer and have no auxiliary itself.", nameof(auxiliary));
        }

        _gazetteer = gazetteer;
        _auxiliary = auxiliary;
        _shift = 64 - hashBits;
        StaticCount = BaseStaticCount + (auxiliary is null ? 0 : AuxiliaryCount);
    }

    /// <summary>Static features per token.</summary>
    public int StaticCount { get; }

    /// <summary>Per-sentence scratch: word attributes (padded by two on each side) and the static rows.</summary>
    public sealed class Sentence
    {
        public int Length;
        public ulong[] Form = [];
        public ulong[] Lower = [];
        public ulong[] Shape = [];
        public ulong[] Gazetteer = [];
        public ulong[] NamePart = [];
        public ulong[] TokenLower = [];
        public byte[] PhraseCodes = [];
        public byte[] PartCodes = [];
        public ulong[] Auxiliary = [];
        public byte[] AuxiliaryLabels = [];
        public int[] Rows = [];

        public void Ensure(int length)
        {
            Length = length;
            if (Form.Length >= length + (2 * Pad))
            {
                return;
            }

            var size = Math.Max(16, (length + (2 * Pad)) * 2);
            Form = new ulong[size];
            Lower = new ulong[size];
            Shape = new ulong[size];
            Gazetteer = new ulong[size];
            NamePart = new ulong[size];
            TokenLower = new ulong[size];
            PhraseCodes = new byte[size];
            PartCodes = new byte[size];
            Auxiliary = new ulong[size];
            AuxiliaryLabels = new byte[size];
            Rows = new int[size * MaxStaticCount];
        }
    }

    // Every feature value is already a mixed hash (NerHash.Combine); its top bits are the bucket.
    private int Row(ulong feature) => (int)(feature >> _shift);

    public void Prepare(IReadOnlyList<string> tokens, Sentence sentence)
    {
        var n = tokens.Count;
        sentence.Ensure(n);
        for (var p = 0; p < Pad; p++)
        {
            foreach (var array in (ulong[][])[sentence.Form, sentence.Lower, sentence.Shape, sentence.Gazetteer, sentence.NamePart])
            {
                array[p] = Begin;
                array[n + Pad + p] = End;
            }
        }

        for (var i = 0; i < n; i++)
        {
            var token = tokens[i].AsSpan();
            sentence.Form[i + Pad] = NerHash.Of(token);
            sentence.TokenLower[i] = NerHash.OfLower(token);
            sentence.Lower[i + Pad] = sentence.TokenLower[i];
            sentence.Shape[i + Pad] = ShapeHash(token);
        }

        _gazetteer.Match(sentence.TokenLower.AsSpan(0, n), sentence.PhraseCodes.AsSpan(0, n), sentence.PartCodes.AsSpan(0, n));
        for (var i = 0; i < n; i++)
        {
            sentence.Gazetteer[i + Pad] = sentence.PhraseCodes[i];
            sentence.NamePart[i + Pad] = sentence.PartCodes[i];
        }

        for (var i = 0; i < n; i++)
        {
            StaticRows(tokens[i], sentence, i, sentence.Rows.AsSpan(i * StaticCount, BaseStaticCount));
        }

        if (_auxiliary is null)
        {
            return;
        }

        // The auxiliary model shares the hash width and gazetteer, so its static features are the base rows above.
        _auxiliary.Decode(sentence, StaticCount, sentence.AuxiliaryLabels.AsSpan(0, n));
        for (var p = 0; p < Pad; p++)
        {
            sentence.Auxiliary[p] = Begin;
            sentence.Auxiliary[n + Pad + p] = End;
        }

        for (var i = 0; i < n; i++)
        {
            sentence.Auxiliary[i + Pad] = NerHash.Mix(sentence.AuxiliaryLabels[i] + 1UL);
        }

        var auxiliary = sentence.Auxiliary;
        for (var i = 0; i < n; i++)
        {
            var rows = sentence.Rows.AsSpan((i * StaticCount) + BaseStaticCount, AuxiliaryCount);
            var c = i + Pad;
            rows[0] = Row(NerHash.Combine(50, auxiliary[c]));
            rows[1] = Row(NerHash.Combine(51, auxiliary[c - 1], auxiliary[c]));
            rows[2] = Row(NerHash.Combine(52, auxiliary[c], auxiliary[c + 1]));
            rows[3] = Row(NerHash.Combine(53, auxiliary[c], sentence.Shape[c]));
        }
    }

    private void StaticRows(string token, Sentence s, int index, Span<int> rows)
    {
        var c = index + Pad;
        var lower = s.Lower;
        var shape = s.Shape;
        var gazetteer = s.Gazetteer;
        var span = token.AsSpan();
        var k = 0;
        rows[k++] = Row(NerHash.Mix(1));
        rows[k++] = Row(NerHash.Combine(2, s.Form[c]));
        rows[k++] = Row(NerHash.Combine(3, lower[c]));
        rows[k++] = Row(NerHash.Combine(4, shape[c]));
        rows[k++] = Row(NerHash.Combine(5, NerHash.OfLower(span[..Math.Min(2, span.Length)])));
        rows[k++] = Row(NerHash.Combine(6, NerHash.OfLower(span[..Math.Min(3, span.Length)])));
        rows[k++] = Row(NerHash.Combine(7, NerHash.OfLower(span[..Math.Min(4, span.Length)])));
        rows[k++] = Row(NerHash.Combine(8, NerHash.OfLower(span[Math.Max(0, span.Length - 2)..])));
        rows[k++] = Row(NerHash.Combine(9, NerHash.OfLower(span[Math.Max(0, span.Length - 3)..])));
        rows[k++] = Row(NerHash.Combine(10, NerHash.OfLower(span[Math.Max(0, span.Length - 4)..])));
        rows[k++] = Row(NerHash.Combine(11, lower[c - 1]));
        rows[k++] = Row(NerHash.Combine(12, lower[c + 1]));
        rows[k++] = Row(NerHash.Combine(13, lower[c - 2]));
        rows[k++] = Row(NerHash.Combine(14, lower[c + 2]));
        rows[k++] = Row(NerHash.Combine(15, shape[c - 1]));
        rows[k++] = Row(NerHash.Combine(16, shape[c + 1]));
        rows[k++] = Row(NerHash.Combine(17, lower[c - 1], lower[c]));
        rows[k++] = Row(NerHash.Combine(18, lower[c], lower[c + 1]));
        rows[k++] = Row(NerHash.Combine(19, NerHash.Combine(shape[c - 1], shape[c]), shape[c + 1]));
        rows[k++] = Row(NerHash.Combine(20, index == 0 ? 1UL : 0UL, shape[c]));
        rows[k++] = Row(NerHash.Combine(21, gazetteer[c]));
        rows[k++] = Row(NerHash.Combine(22, gazetteer[c - 1]));
        rows[k++] = Row(NerHash.Combine(23, gazetteer[c + 1]));
        rows[k++] = Row(NerHash.Combine(24, gazetteer[c], shape[c]));
        rows[k++] = Row(NerHash.Combine(25, s.NamePart[c], shape[c]));
        rows[k++] = Row(NerHash.Combine(26, s.NamePart[c + 1], shape[c]));
        rows[k++] = Row(NerHash.Combine(27, s.NamePart[c - 1], shape[c]));
        rows[k++] = Row(NerHash.Combine(28, (ulong)Math.Min(span.Length, 12), shape[c]));
        rows[k++] = Row(NerHash.Combine(29, lower[c - 1], shape[c]));
        rows[k++] = Row(NerHash.Combine(30, shape[c], lower[c + 1]));
        rows[k++] = Row(NerHash.Combine(31, gazetteer[c], lower[c - 1]));
        rows[k++] = Row(NerHash.Combine(32, lower[c - 2], lower[c - 1]));
    }

    /// <summary>Features of the labels chosen for the two previous tokens.</summary>
    public void HistoryRows(Sentence s, int index, int previous, int beforePrevious, Span<int> rows)
    {
        var c = index + Pad;
        var p = (ulong)previous;
        rows[0] = Row(NerHash.Combine(40, p));
        rows[1] = Row(NerHash.Combine(41, p, (ulong)beforePrevious));
        rows[2] = Row(NerHash.Combine(42, p, s.Lower[c]));
        rows[3] = Row(NerHash.Combine(43, p, s.Shape[c]));
        rows[4] = Row(NerHash.Combine(44, p, s.Gazetteer[c]));
    }

    /// <summary>Word shape with runs collapsed: "Merkel" → "Xx", "G20" → "Xd", "U.S." → "X.X.".</summary>
    private static ulong ShapeHash(ReadOnlySpan<char> token)
    {
        var hash = 14695981039346656037UL;
        var last = '\0';
        foreach (var ch in token)
        {
            var cls = char.IsUpper(ch) ? 'X' : char.IsLower(ch) ? 'x' : char.IsDigit(ch) ? 'd' : char.IsLetter(ch) ? 'l' : ch;
            if (cls == last)
            {
                continue;
            }

            last = cls;
            hash ^= cls;
            hash *= 1099511628211UL;
        }

        return NerHash.Mix(hash);
    }
}
