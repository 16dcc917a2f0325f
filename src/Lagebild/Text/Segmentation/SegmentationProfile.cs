using System.Collections.Concurrent;
using System.Text.Json;

namespace Lagebild.Text.Segmentation;

/// <summary>How hyphens between letters are tokenised.</summary>
public enum HyphenConvention
{
    /// <summary>"US-Außenminister" and the elided "Verteidigungs-" stay whole: what readers and entity stages want.</summary>
    KeepCompounds,

    /// <summary>
    /// Universal Dependencies treebanks (EWT, GSD, PUD) split "US-Außenminister" into US, -, Außenminister, except
    /// for number ranges and the prefixes the profile lists ("e-mail", "co-workers").
    /// </summary>
    SplitCompounds,
}

/// <summary>
/// Per-language knowledge for the segmenter and tokenizer: abbreviations, ordinal rules, month names, units and
/// token exceptions. Loaded from data/und (language-neutral base) merged with data/&lt;lang&gt;; a language without
/// data gets the neutral profile.
/// </summary>
public sealed class SegmentationProfile
{
    private readonly HashSet<string> _abbreviations;
    private readonly HashSet<string> _abbreviationsIgnoreCase;
    private readonly HashSet<string> _finalAbbreviations;
    private readonly HashSet<string> _months;
    private readonly HashSet<string> _ordinalHeads;
    private readonly HashSet<string> _ordinalCues;
    private readonly HashSet<string> _units;
    private readonly HashSet<string> _hyphenPrefixes;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _abbreviationLookup;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _abbreviationIgnoreCaseLookup;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _finalAbbreviationLookup;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _monthLookup;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _ordinalHeadLookup;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _ordinalCueLookup;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _unitLookup;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _hyphenPrefixLookup;

    private SegmentationProfile(
        string language,
        bool ordinalPeriod,
        HyphenConvention hyphens,
        bool splitNumberRanges,
        bool possessiveApostrophe,
        bool lowercaseSentenceStarts,
        IEnumerable<(string Abbreviation, bool MayEndSentence)> abbreviations,
        IEnumerable<string> months,
        IEnumerable<string> ordinalHeads,
        IEnumerable<string> ordinalCues,
        IEnumerable<string> units,
        IEnumerable<string> hyphenPrefixes,
        IEnumerable<string> exceptions)
    {
        Language = language;
        OrdinalPeriod = ordinalPeriod;
        Hyphens = hyphens;
        SplitNumberRanges = splitNumberRanges;
        PossessiveApostrophe = possessiveApostrophe;
        LowercaseSentenceStarts = lowercaseSentenceStarts;
        _abbreviations = new HashSet<string>(StringComparer.Ordinal);
        _abbreviationsIgnoreCase = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        _finalAbbreviations = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (abbreviation, mayEnd) in abbreviations)
        {
            _abbreviations.Add(abbreviation);
            // A lowercase entry ("bzw.") also matches its capitalised form at the start of a sentence ("Bzw.").
            if (abbreviation.Equals(abbreviation.ToLowerInvariant(), StringComparison.Ordinal))
            {
                _abbreviationsIgnoreCase.Add(abbreviation);
            }

            if (mayEnd)
            {
                _finalAbbreviations.Add(abbreviation);
            }
        }

        _months = new HashSet<string>(months, StringComparer.Ordinal);
        _ordinalHeads = new HashSet<string>(ordinalHeads, StringComparer.Ordinal);
        _ordinalCues = new HashSet<string>(ordinalCues, StringComparer.OrdinalIgnoreCase);
        _units = new HashSet<string>(units, StringComparer.Ordinal);
        _hyphenPrefixes = new HashSet<string>(hyphenPrefixes, StringComparer.OrdinalIgnoreCase);
        Exceptions = [.. exceptions.Where(e => e.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(e => e.Length)];
        ExceptionFirstChars = new string([.. Exceptions.Select(e => e[0]).Distinct()]);
        _abbreviationLookup = _abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();
        _abbreviationIgnoreCaseLookup = _abbreviationsIgnoreCase.GetAlternateLookup<ReadOnlySpan<char>>();
        _finalAbbreviationLookup = _finalAbbreviations.GetAlternateLookup<ReadOnlySpan<char>>();
        _monthLookup = _months.GetAlternateLookup<ReadOnlySpan<char>>();
        _ordinalHeadLookup = _ordinalHeads.GetAlternateLookup<ReadOnlySpan<char>>();
        _ordinalCueLookup = _ordinalCues.GetAlternateLookup<ReadOnlySpan<char>>();
        _unitLookup = _units.GetAlternateLookup<ReadOnlySpan<char>>();
        _hyphenPrefixLookup = _hyphenPrefixes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>No abbreviations, no ordinals: safe for any language.</summary>
    public static SegmentationProfile Neutral { get; } = new("und", false, HyphenConvention.KeepCompounds, false, false, false, [], [], [], [], [], [], []);

    public string Language { get; }

    /// <summary>Whether "2." before a month or a lowercase word is an ordinal (German) rather than a number and a full stop.</summary>
    public bool OrdinalPeriod { get; }

    public HyphenConvention Hyphens { get; }

    /// <summary>Under <see cref="HyphenConvention.SplitCompounds"/>, whether "1969-1970" splits too (EWT does, GSD does not).</summary>
    public bool SplitNumberRanges { get; }

    /// <summary>Whether a word ending in s keeps a following apostrophe as a plural possessive ("the Tigers' chief").</summary>
    public bool PossessiveApostrophe { get; }

    /// <summary>
    /// Whether a sentence may start in lowercase after "?", "!" or a full stop that follows a word of four or more
    /// letters, as in informal English web text ("a little container. or buy worms"). Off, a lowercase word always
    /// continues the sentence ("Forschungsnetzwerk transform! koordiniert").
    /// </summary>
    public bool LowercaseSentenceStarts { get; }

    /// <summary>Tokens kept whole even though they are made of punctuation (emoticons such as ":-)"), longest first.</summary>
    public IReadOnlyList<string> Exceptions { get; }

    internal string ExceptionFirstChars { get; }

    public int AbbreviationCount => _abbreviations.Count;

    /// <summary>The same profile with another hyphen convention (the evaluation measures both).</summary>
    public SegmentationProfile WithHyphens(HyphenConvention hyphens) =>
        hyphens == Hyphens
            ? this
            : new SegmentationProfile(
                Language,
                OrdinalPeriod,
                hyphens,
                SplitNumberRanges,
                PossessiveApostrophe,
                LowercaseSentenceStarts,
                _abbreviations.Select(a => (a, _finalAbbreviations.Contains(a))),
                _months,
                _ordinalHeads,
                _ordinalCues,
                _units,
                _hyphenPrefixes,
                Exceptions);

    /// <summary>Is <paramref name="candidate"/> (with its final period) a known abbreviation?</summary>
    public bool IsAbbreviation(ReadOnlySpan<char> candidate) =>
        _abbreviationLookup.Contains(candidate) || _abbreviationIgnoreCaseLookup.Contains(candidate);

    /// <summary>May this abbreviation also close a sentence ("etc.", "usw.", "Inc.") when a capitalised word follows?</summary>
    public bool AbbreviationMayEndSentence(ReadOnlySpan<char> candidate) => _finalAbbreviationLookup.Contains(candidate);

    public bool IsMonth(ReadOnlySpan<char> word) => _monthLookup.Contains(word);

    /// <summary>Nouns a number with a period modifies as an ordinal wherever it stands ("52. Minute", "15. Jahrhundert").</summary>
    public bool IsOrdinalHead(ReadOnlySpan<char> word) => _ordinalHeadLookup.Contains(word);

    /// <summary>Words after which "3." is an ordinal even before a capitalised noun ("der 3. Platz").</summary>
    public bool IsOrdinalCue(ReadOnlySpan<char> word) => _ordinalCueLookup.Contains(word);

    public bool IsUnit(ReadOnlySpan<char> word) => _unitLookup.Contains(word);

    public bool IsHyphenPrefix(ReadOnlySpan<char> word) => _hyphenPrefixLookup.Contains(word);

    /// <summary>Reads data/und and data/&lt;language&gt; from <paramref name="data"/>; missing files mean empty lists.</summary>
    public static SegmentationProfile Load(DataDirectory data, string language)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(language);
        var abbreviations = new List<(string, bool)>();
        var settings = new ProfileSettings();
        var found = false;
        foreach (var folder in language == "und" ? ["und"] : new[] { "und", language })
        {
            // A language code is two or three ASCII letters; anything else never becomes a path.
            if (!IsLanguageCode(folder))
            {
                continue;
            }

            var abbreviationPath = data.Resolve(folder, "abbreviations.txt");
            if (File.Exists(abbreviationPath))
            {
                abbreviations.AddRange(ReadAbbreviations(File.ReadLines(abbreviationPath)));
                found |= folder != "und";
            }

            var settingsPath = data.Resolve(folder, "segmentation.json");
            if (File.Exists(settingsPath))
            {
                settings.Merge(JsonSerializer.Deserialize<ProfileSettings>(File.ReadAllText(settingsPath), JsonOptions)
                    ?? throw new InvalidDataException($"{settingsPath}: empty segmentation settings."));
                found |= folder != "und";
            }
        }

        return new SegmentationProfile(
            found ? language : "und",
            settings.OrdinalPeriod ?? false,
            settings.SplitHyphenatedCompounds == true ? HyphenConvention.SplitCompounds : HyphenConvention.KeepCompounds,
            settings.SplitNumberRanges ?? false,
            settings.PossessiveApostrophe ?? false,
            settings.LowercaseSentenceStarts ?? false,
            abbreviations,
            settings.Months,
            settings.OrdinalHeads,
            settings.OrdinalCues,
            settings.Units,
            settings.HyphenPrefixes,
            settings.Exceptions);
    }

    /// <summary>Builds a profile from in-memory lists (tests, tools).</summary>
    public static SegmentationProfile Create(
        string language,
        IEnumerable<string> abbreviationLines,
        bool ordinalPeriod = false,
        IEnumerable<string>? months = null,
        IEnumerable<string>? ordinalCues = null,
        IEnumerable<string>? units = null,
        IEnumerable<string>? exceptions = null,
        HyphenConvention hyphens = HyphenConvention.KeepCompounds,
        IEnumerable<string>? hyphenPrefixes = null) =>
        new(language, ordinalPeriod, hyphens, false, false, false, ReadAbbreviations(abbreviationLines), months ?? [], [], ordinalCues ?? [], units ?? [], hyphenPrefixes ?? [], exceptions ?? []);

    internal static bool IsLanguageCode(string code) =>
        code.Length is 2 or 3 && code.All(char.IsAsciiLetterLower);

    /// <summary>
    /// One abbreviation per line with its period(s): "Dr.", "z. B." (each part becomes an abbreviation),
    /// optionally followed by "final" when it may also close a sentence. '#' starts a comment.
    /// </summary>
    private static IEnumerable<(string, bool)> ReadAbbreviations(IEnumerable<string> lines)
    {
        foreach (var rawLine in lines)
        {
            var line = rawLine;
            var comment = line.IndexOf('#', StringComparison.Ordinal);
            if (comment >= 0)
            {
                line = line[..comment];
            }

            line = line.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var mayEnd = false;
            if (line.EndsWith("\tfinal", StringComparison.Ordinal) || line.EndsWith(" final", StringComparison.Ordinal))
            {
                mayEnd = true;
                line = line[..^"final".Length].TrimEnd();
            }

            // Only the last part of "v. Chr." may close a sentence.
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < parts.Length; i++)
            {
                yield return (parts[i], mayEnd && i == parts.Length - 1);
            }
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private sealed class ProfileSettings
    {
        public bool? OrdinalPeriod { get; set; }

        public bool? SplitHyphenatedCompounds { get; set; }

        public bool? SplitNumberRanges { get; set; }

        public bool? PossessiveApostrophe { get; set; }

        public bool? LowercaseSentenceStarts { get; set; }

        public List<string> Months { get; set; } = [];

        public List<string> OrdinalCues { get; set; } = [];

        public List<string> OrdinalHeads { get; set; } = [];

        public List<string> Units { get; set; } = [];

        public List<string> HyphenPrefixes { get; set; } = [];

        public List<string> Exceptions { get; set; } = [];

        public void Merge(ProfileSettings other)
        {
            OrdinalPeriod = other.OrdinalPeriod ?? OrdinalPeriod;
            SplitHyphenatedCompounds = other.SplitHyphenatedCompounds ?? SplitHyphenatedCompounds;
            SplitNumberRanges = other.SplitNumberRanges ?? SplitNumberRanges;
            PossessiveApostrophe = other.PossessiveApostrophe ?? PossessiveApostrophe;
            LowercaseSentenceStarts = other.LowercaseSentenceStarts ?? LowercaseSentenceStarts;
            Months.AddRange(other.Months);
            OrdinalCues.AddRange(other.OrdinalCues);
            OrdinalHeads.AddRange(other.OrdinalHeads);
            Units.AddRange(other.Units);
            HyphenPrefixes.AddRange(other.HyphenPrefixes);
            Exceptions.AddRange(other.Exceptions);
        }
    }
}

/// <summary>Loads each language's profile once; safe to share between threads.</summary>
public sealed class SegmentationProfiles(DataDirectory data)
{
    private readonly ConcurrentDictionary<string, SegmentationProfile> _profiles = new(StringComparer.Ordinal);

    public DataDirectory Data { get; } = data ?? throw new ArgumentNullException(nameof(data));

    private readonly ConcurrentDictionary<string, MultiwordTokens> _multiwordTokens = new(StringComparer.Ordinal);

    /// <summary>The multi-word token rules of a language (empty for languages without data/&lt;lang&gt;/multiword-tokens.txt).</summary>
    public MultiwordTokens MultiwordTokensFor(string? language)
    {
        var code = language is not null && SegmentationProfile.IsLanguageCode(language) ? language : "und";
        return _multiwordTokens.GetOrAdd(code, c => MultiwordTokens.Load(Data, c));
    }

    /// <summary>The profile for an ISO 639-1 code; unknown or malformed codes get the neutral profile from data/und.</summary>
    public SegmentationProfile For(string? language)
    {
        var code = language is not null && SegmentationProfile.IsLanguageCode(language) ? language : "und";
        return _profiles.GetOrAdd(code, c => SegmentationProfile.Load(Data, c));
    }
}
