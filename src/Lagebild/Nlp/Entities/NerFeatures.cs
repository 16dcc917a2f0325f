namespace Lagebild.Nlp.Entities;

/// <summary>The feature sets a model may read; a model records its own, so older models keep working.</summary>
public static class NerFeatureSets
{
    /// <summary>The first feature set (models of format LBNER7).</summary>
    public const int Original = 1;

    /// <summary>Adds name-run features: where a token stands in its run of capitalised words, and that run's last word.</summary>
    public const int NameRuns = 2;

    /// <summary>Adds the words around the whole name run and wider word-context conjunctions.</summary>
    public const int RunContext = 3;

    /// <summary>
    /// Adds, for a model stacked on a first pass, document features: what the first pass gave the same token string in
    /// earlier sentences of the document (see <see cref="NerFirstPassHistory"/>).
    /// </summary>
    public const int Stacked = 4;

    public const int Latest = Stacked;

    /// <summary>What training uses unless told otherwise (the stacked set only matters with a first pass).</summary>
    public const int Default = RunContext;
}

/// <summary>
/// Hashed features of the tagger. Static features depend on the words (and their predicted parts of speech) only and
/// are computed once per sentence; transition features combine a few of them with the label of the previous token.
/// A feature is a bucket (row) of the weight table.
/// </summary>
internal sealed class NerFeatures
{
    public const int BaseStaticCount = 39;
    public const int NameRunCount = 9;
    public const int PartOfSpeechCount = 9;
    public const int ClusterCount = 14;
    public const int AuxiliaryCount = 4;
    public const int DocumentCount = 4;
    public const int MaxStaticCount = BaseStaticCount + NameRunCount + PartOfSpeechCount + ClusterCount + AuxiliaryCount + DocumentCount;

    public const int OriginalFeatureSet = NerFeatureSets.Original;
    public const int NameRunFeatureSet = NerFeatureSets.NameRuns;
    public const int LatestFeatureSet = NerFeatureSets.Latest;
    public const int HistoryPerToken = 2;

    private const int Pad = 2;
    private static readonly ulong Begin = NerHash.Of("<s>");
    private static readonly ulong End = NerHash.Of("</s>");
    private static readonly ulong NoCluster = NerHash.Mix(9);

    // Cluster path prefixes used as features (Ratinov and Roth 2009 use 4, 6, 10 and 20 bits); 0 is the whole path.
    private static readonly int[] PrefixLengths = [4, 6, 10, 0];

    private readonly NerGazetteer _gazetteer;
    private readonly NerModel? _auxiliary;
    private readonly int _shift;
    private readonly int _nameRuns;

    /// <param name="partOfSpeech">Whether the predicted UPOS/XPOS tags of the tokens are features.</param>
    /// <param name="auxiliary">A model trained on other data whose labels become features (stacking).</param>
    /// <param name="featureSet">Which features (<see cref="OriginalFeatureSet"/> .. <see cref="LatestFeatureSet"/>).</param>
    public NerFeatures(NerGazetteer gazetteer, int hashBits, bool partOfSpeech, NerModel? auxiliary, int featureSet = LatestFeatureSet)
    {
        if (auxiliary is not null && (auxiliary.HashBits != hashBits || !ReferenceEquals(auxiliary.Gazetteer, gazetteer) || auxiliary.Auxiliary is not null || auxiliary.UsesPartOfSpeech != partOfSpeech || auxiliary.FeatureSet != featureSet))
        {
            throw new ArgumentException("An auxiliary model must share the hash width, gazetteer, feature set and part-of-speech use and have no auxiliary itself.", nameof(auxiliary));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(featureSet, OriginalFeatureSet);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(featureSet, LatestFeatureSet);
        FeatureSet = featureSet;
        _nameRuns = featureSet >= NerFeatureSets.RunContext ? NameRunCount : featureSet >= NameRunFeatureSet ? 5 : 0;

        _gazetteer = gazetteer;
        _auxiliary = auxiliary;
        _shift = 64 - hashBits;
        UsesPartOfSpeech = partOfSpeech;
        UsesClusters = gazetteer.ClusterCount > 0;
        WordCount = BaseStaticCount + _nameRuns + (partOfSpeech ? PartOfSpeechCount : 0) + (UsesClusters ? ClusterCount : 0);
        UsesDocument = auxiliary is not null && featureSet >= NerFeatureSets.Stacked;
        StaticCount = WordCount + (auxiliary is null ? 0 : AuxiliaryCount) + (UsesDocument ? DocumentCount : 0);
    }

    /// <summary>Whether the first pass's readings of the same strings in earlier sentences are features.</summary>
    public bool UsesDocument { get; }

    public bool UsesPartOfSpeech { get; }

    public int FeatureSet { get; }

    /// <summary>Whether word-cluster features are on (the gazetteer carries clusters).</summary>
    public bool UsesClusters { get; }

    /// <summary>Static features per token from the words and tags (an auxiliary model sees exactly these).</summary>
    public int WordCount { get; }

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
        public ulong[] Frequency = [];
        public ulong[] TokenLower = [];
        public byte[] PhraseCodes = [];
        public byte[] PartCodes = [];
        public ulong[] Upos = [];
        public ulong[] Xpos = [];

        /// <summary>Per prefix length (<see cref="PrefixLengths"/>): the hashed cluster prefix of each token.</summary>
        public ulong[][] Clusters = [[], [], [], []];
        public ulong[] Auxiliary = [];
        public byte[] AuxiliaryLabels = [];
        public byte[] DocumentCodes = [];
        public int[] RunStart = [];
        public int[] RunEnd = [];
        public int[] Rows = [];
        public float[] Lattice = [];
        public byte[] Back = [];

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
            Frequency = new ulong[size];
            TokenLower = new ulong[size];
            PhraseCodes = new byte[size];
            PartCodes = new byte[size];
            Upos = new ulong[size];
            Xpos = new ulong[size];
            Clusters = [new ulong[size], new ulong[size], new ulong[size], new ulong[size]];
            Auxiliary = new ulong[size];
            AuxiliaryLabels = new byte[size];
            DocumentCodes = new byte[size];
            RunStart = new int[size];
            RunEnd = new int[size];
            Rows = new int[size * MaxStaticCount];
            Lattice = new float[size * NerLabels.Count];
            Back = new byte[size * NerLabels.Count];
        }
    }

    // Every feature value is already a mixed hash (NerHash.Combine); its top bits are the bucket.
    private int Row(ulong feature) => (int)(feature >> _shift);

    /// <param name="tags">Predicted parts of speech per token (read only when the model uses them; null: unknown).</param>
    /// <param name="firstPass">In training a stacked model: the first pass's (jackknifed) labels; empty: the auxiliary model decodes.</param>
    /// <param name="documentCodes">In training: the <see cref="NerFirstPassHistory"/> codes per token; empty: from <paramref name="history"/>.</param>
    /// <param name="history">The document's first-pass history (null: no earlier sentences).</param>
    public void Prepare(IReadOnlyList<string> tokens, NerTags? tags, Sentence sentence, ReadOnlySpan<byte> firstPass = default, ReadOnlySpan<byte> documentCodes = default, NerFirstPassHistory? history = null)
    {
        var n = tokens.Count;
        sentence.Ensure(n);
        for (var p = 0; p < Pad; p++)
        {
            foreach (var array in (ulong[][])[sentence.Form, sentence.Lower, sentence.Shape, sentence.Gazetteer, sentence.NamePart, sentence.Frequency, sentence.Upos, sentence.Xpos])
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
        var compounds = _gazetteer.HasCompoundHeads;
        for (var i = 0; i < n; i++)
        {
            sentence.Gazetteer[i + Pad] = sentence.PhraseCodes[i];
            sentence.NamePart[i + Pad] = sentence.PartCodes[i]
                | (compounds && _gazetteer.EndsWithCompoundHead(tokens[i]) ? NerGazetteer.CompoundHeadCue : 0UL);
            sentence.Frequency[i + Pad] = _gazetteer.FrequencyClass(sentence.TokenLower[i]);
        }

        var casing = SentenceCasing(tokens);
        for (var i = 0; i < n; i++)
        {
            StaticRows(tokens[i], sentence, i, casing, sentence.Rows.AsSpan(i * StaticCount, BaseStaticCount));
        }

        if (_nameRuns > 0)
        {
            NameRuns(tokens, sentence);
            for (var i = 0; i < n; i++)
            {
                NameRunRows(sentence, i, sentence.Rows.AsSpan((i * StaticCount) + BaseStaticCount, _nameRuns));
            }
        }

        if (UsesPartOfSpeech)
        {
            var known = tags is not null && tags.Upos.Length == n && tags.Xpos.Length == n;
            for (var i = 0; i < n; i++)
            {
                sentence.Upos[i + Pad] = known ? NerHash.Of(tags!.Upos[i]) : NerHash.Mix(7);
                sentence.Xpos[i + Pad] = known ? NerHash.Of(tags!.Xpos[i]) : NerHash.Mix(8);
            }

            for (var i = 0; i < n; i++)
            {
                PartOfSpeechRows(sentence, i, casing, sentence.Rows.AsSpan((i * StaticCount) + BaseStaticCount + _nameRuns, PartOfSpeechCount));
            }
        }

        if (UsesClusters)
        {
            PrepareClusters(tokens, sentence);
            var offset = BaseStaticCount + _nameRuns + (UsesPartOfSpeech ? PartOfSpeechCount : 0);
            for (var i = 0; i < n; i++)
            {
                ClusterRows(sentence, i, sentence.Rows.AsSpan((i * StaticCount) + offset, ClusterCount));
            }
        }

        if (_auxiliary is null)
        {
            return;
        }

        // The auxiliary model shares the hash width, gazetteer and tags, so its static features are the word rows above.
        if (firstPass.Length == n)
        {
            firstPass.CopyTo(sentence.AuxiliaryLabels);
        }
        else
        {
            _auxiliary.Decode(sentence, StaticCount, sentence.AuxiliaryLabels.AsSpan(0, n));
        }

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
            var rows = sentence.Rows.AsSpan((i * StaticCount) + WordCount, AuxiliaryCount);
            var c = i + Pad;
            rows[0] = Row(NerHash.Combine(50, auxiliary[c]));
            rows[1] = Row(NerHash.Combine(51, auxiliary[c - 1], auxiliary[c]));
            rows[2] = Row(NerHash.Combine(52, auxiliary[c], auxiliary[c + 1]));
            rows[3] = Row(NerHash.Combine(53, auxiliary[c], sentence.Shape[c]));
        }

        if (!UsesDocument)
        {
            return;
        }

        var codes = sentence.DocumentCodes.AsSpan(0, n);
        if (documentCodes.Length == n)
        {
            documentCodes.CopyTo(codes);
        }
        else if (history is not null)
        {
            history.Codes(tokens, codes);
        }
        else
        {
            codes.Fill(NerFirstPassHistory.Unseen);
        }

        for (var i = 0; i < n; i++)
        {
            var rows = sentence.Rows.AsSpan((i * StaticCount) + WordCount + AuxiliaryCount, DocumentCount);
            var c = i + Pad;
            var code = NerHash.Mix(codes[i] + 1UL);
            rows[0] = Row(NerHash.Combine(54, code));
            rows[1] = Row(NerHash.Combine(55, code, auxiliary[c]));
            rows[2] = Row(NerHash.Combine(56, code, sentence.Shape[c]));
            rows[3] = Row(NerHash.Combine(57, code, NerHash.Combine(auxiliary[c - 1], auxiliary[c + 1])));
        }
    }

    /// <summary>
    /// How the whole sentence is capitalised: 1 when no word after the first starts upper-case (lower-cased web text),
    /// 2 when most words are all capitals, 3 when most words start upper-case (headlines), else 0. Capitals mean little
    /// in the first three kinds.
    /// </summary>
    private static ulong SentenceCasing(IReadOnlyList<string> tokens)
    {
        int words = 0, capitalised = 0, allCaps = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Length == 0 || !char.IsLetter(token[0]))
            {
                continue;
            }

            words++;
            if (char.IsUpper(token[0]))
            {
                capitalised += i > 0 ? 1 : 0;
                var upper = true;
                foreach (var ch in token)
                {
                    upper &= !char.IsLower(ch);
                }

                allCaps += upper && token.Length > 1 ? 1 : 0;
            }
        }

        return words < 3 ? 0UL
            : capitalised == 0 ? 1UL
            : allCaps * 2 > words ? 2UL
            : capitalised * 3 > words * 2 ? 3UL
            : 0UL;
    }

    /// <summary>
    /// Runs of capitalised words, joined over a lower-case connector ("of", "and", "for", "the", "de", "&amp;") that a
    /// capitalised word follows: "Housing Authority of New Orleans" is one run. Per token: the run's first and last
    /// index (-1 outside runs).
    /// </summary>
    private static void NameRuns(IReadOnlyList<string> tokens, Sentence s)
    {
        var n = tokens.Count;
        var i = 0;
        while (i < n)
        {
            if (!IsCapitalised(tokens[i]))
            {
                s.RunStart[i] = s.RunEnd[i] = -1;
                i++;
                continue;
            }

            var end = i;
            while (end + 1 < n && (IsCapitalised(tokens[end + 1]) || (end + 2 < n && IsConnector(tokens[end + 1]) && IsCapitalised(tokens[end + 2]))))
            {
                end++;
            }

            for (var k = i; k <= end; k++)
            {
                s.RunStart[k] = i;
                s.RunEnd[k] = end;
            }

            i = end + 1;
        }

        static bool IsCapitalised(string token) => token.Length > 0 && char.IsUpper(token[0]);

        static bool IsConnector(string token) => token is "of" or "and" or "for" or "the" or "de" or "&";
    }

    private void NameRunRows(Sentence s, int index, Span<int> rows)
    {
        var start = s.RunStart[index];
        var end = s.RunEnd[index];
        // Position: 0 outside a run, 1 alone, 2 first, 3 inside, 4 last.
        var position = start < 0 ? 0UL : start == end ? 1UL : index == start ? 2UL : index == end ? 4UL : 3UL;
        var length = start < 0 ? 0UL : (ulong)Math.Min(end - start + 1, 5);
        var last = end < 0 ? Begin : s.Lower[end + Pad];
        var lastCues = end < 0 ? 0UL : s.NamePart[end + Pad] & ((ulong)(GazetteerClass.OrganisationSuffix | GazetteerClass.OrganisationHead) | NerGazetteer.CompoundHeadCue);
        var firstPhrase = start < 0 ? 0UL : s.Gazetteer[start + Pad];
        rows[0] = Row(NerHash.Combine(70, position, lastCues));
        rows[1] = Row(NerHash.Combine(71, position, last));
        rows[2] = Row(NerHash.Combine(72, position, length));
        rows[3] = Row(NerHash.Combine(73, lastCues, s.Shape[index + Pad]));
        rows[4] = Row(NerHash.Combine(74, position, firstPhrase));
        if (rows.Length == 5)
        {
            return;
        }

        var c = index + Pad;
        var before = start < 0 ? s.Lower[c - 1] : s.Lower[start + Pad - 1];
        var after = end < 0 ? s.Lower[c + 1] : s.Lower[end + Pad + 1];
        rows[5] = Row(NerHash.Combine(75, position, before));
        rows[6] = Row(NerHash.Combine(76, position, after));
        rows[7] = Row(NerHash.Combine(77, s.Lower[c + 1], s.Lower[c + 2]));
        rows[8] = Row(NerHash.Combine(78, s.Lower[c - 1], s.Lower[c + 1]));
    }

    private void PrepareClusters(IReadOnlyList<string> tokens, Sentence sentence)
    {
        var n = tokens.Count;
        for (var k = 0; k < PrefixLengths.Length; k++)
        {
            var values = sentence.Clusters[k];
            for (var p = 0; p < Pad; p++)
            {
                values[p] = Begin;
                values[n + Pad + p] = End;
            }
        }

        for (var i = 0; i < n; i++)
        {
            var packed = _gazetteer.Cluster(tokens[i]);
            var depth = (int)(packed >> 24);
            for (var k = 0; k < PrefixLengths.Length; k++)
            {
                ulong value;
                if (packed == 0)
                {
                    value = NoCluster;
                }
                else
                {
                    // A path shorter than the prefix is a cluster of its own: use it whole.
                    var length = PrefixLengths[k] == 0 ? depth : Math.Min(depth, PrefixLengths[k]);
                    value = NerHash.Combine((ulong)length, packed & ((1u << length) - 1));
                }

                sentence.Clusters[k][i + Pad] = value;
            }
        }
    }

    private void ClusterRows(Sentence s, int index, Span<int> rows)
    {
        var c = index + Pad;
        ulong[] c4 = s.Clusters[0], c6 = s.Clusters[1], c10 = s.Clusters[2], whole = s.Clusters[3];
        rows[0] = Row(NerHash.Combine(90, c4[c]));
        rows[1] = Row(NerHash.Combine(91, c6[c]));
        rows[2] = Row(NerHash.Combine(92, c10[c]));
        rows[3] = Row(NerHash.Combine(93, whole[c]));
        rows[4] = Row(NerHash.Combine(94, c6[c - 1]));
        rows[5] = Row(NerHash.Combine(95, c6[c + 1]));
        rows[6] = Row(NerHash.Combine(96, whole[c - 1]));
        rows[7] = Row(NerHash.Combine(97, whole[c + 1]));
        rows[8] = Row(NerHash.Combine(98, whole[c], s.Shape[c]));
        rows[9] = Row(NerHash.Combine(99, c6[c - 1], c6[c]));
        rows[10] = Row(NerHash.Combine(100, c10[c], s.Gazetteer[c]));
        rows[11] = Row(NerHash.Combine(101, c6[c], c6[c + 1]));
        rows[12] = Row(NerHash.Combine(102, whole[c], s.Lower[c - 1]));
        rows[13] = Row(NerHash.Combine(103, NerHash.Combine(c4[c - 1], c4[c]), c4[c + 1]));
    }

    private void PartOfSpeechRows(Sentence s, int index, ulong casing, Span<int> rows)
    {
        var c = index + Pad;
        var upos = s.Upos;
        var xpos = s.Xpos;
        rows[0] = Row(NerHash.Combine(60, upos[c]));
        rows[1] = Row(NerHash.Combine(61, xpos[c]));
        rows[2] = Row(NerHash.Combine(62, upos[c - 1]));
        rows[3] = Row(NerHash.Combine(63, upos[c + 1]));
        rows[4] = Row(NerHash.Combine(64, upos[c - 1], upos[c]));
        rows[5] = Row(NerHash.Combine(65, upos[c], upos[c + 1]));
        rows[6] = Row(NerHash.Combine(66, xpos[c], s.Shape[c]));
        rows[7] = Row(NerHash.Combine(67, xpos[c], casing));
        rows[8] = Row(NerHash.Combine(68, xpos[c], s.Gazetteer[c]));
    }

    private void StaticRows(string token, Sentence s, int index, ulong casing, Span<int> rows)
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
        rows[k++] = Row(NerHash.Combine(33, casing, shape[c]));
        rows[k++] = Row(NerHash.Combine(34, casing, gazetteer[c]));
        rows[k++] = Row(NerHash.Combine(35, shape[c - 2]));
        rows[k++] = Row(NerHash.Combine(36, shape[c + 2]));
        rows[k++] = Row(NerHash.Combine(37, s.Frequency[c], shape[c]));
        rows[k++] = Row(NerHash.Combine(38, s.Frequency[c], NerHash.Combine(casing, index == 0 ? 1UL : 0UL)));
        rows[k++] = Row(NerHash.Combine(39, s.Frequency[c], gazetteer[c]));
    }

    /// <summary>Transition features: the label of the previous token, alone and with attributes of this one.</summary>
    public void HistoryRows(Sentence s, int index, int previous, Span<int> rows)
    {
        var c = index + Pad;
        var p = (ulong)previous;
        rows[0] = Row(NerHash.Combine(40, p));
        rows[1] = Row(NerHash.Combine(43, p, s.Shape[c]));
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
