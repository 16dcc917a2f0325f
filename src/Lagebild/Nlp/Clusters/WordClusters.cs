using System.Globalization;
using System.Text;

namespace Lagebild.Nlp.Clusters;

/// <summary>
/// Hierarchical word clusters: each word has a bit path (bit d: the half chosen at split d) of some depth; words
/// sharing a prefix share the coarser cluster. Words are normalised (<see cref="Normalize"/>). The file format is
/// one word per line, "path word count" tab-separated, the path as '0'/'1' characters from the first split on
/// (the layout of Liang's Brown-cluster output).
/// </summary>
public sealed class WordClusters
{
    /// <summary>Longest path a file may hold.</summary>
    public const int MaxDepth = 24;

    public readonly record struct Entry(string Word, ulong Path, int Depth, long Count);

    private readonly Dictionary<string, Entry> _byWord;

    public WordClusters(IEnumerable<Entry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = [.. entries];
        _byWord = new Dictionary<string, Entry>(Entries.Count, StringComparer.Ordinal);
        foreach (var entry in Entries)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(entry.Depth, MaxDepth);
            _byWord.TryAdd(entry.Word, entry);
        }
    }

    /// <summary>The words, most frequent first as trained.</summary>
    public IReadOnlyList<Entry> Entries { get; }

    /// <summary>Lower case, every decimal digit as 0 ("G20" and "g7" share "g00"-like forms): numbers cluster by shape.</summary>
    public static string Normalize(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return string.Create(token.Length, token, static (buffer, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                buffer[i] = NormalizeChar(source[i]);
            }
        });
    }

    /// <summary>One character of <see cref="Normalize"/>, for callers that hash words without building strings.</summary>
    public static char NormalizeChar(char c) => char.IsAsciiDigit(c) ? '0' : char.ToLowerInvariant(c);

    /// <summary>The cluster of a token (normalised first), or null for a word without one.</summary>
    public Entry? Find(string token) => _byWord.TryGetValue(Normalize(token), out var entry) ? entry : null;

    /// <summary>The path as '0'/'1' characters, first split first.</summary>
    public static string PathText(ulong path, int depth)
    {
        var text = new char[depth];
        for (var d = 0; d < depth; d++)
        {
            text[d] = ((path >> d) & 1) == 1 ? '1' : '0';
        }

        return new string(text);
    }

    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.NewLine = "\n";
        foreach (var entry in Entries)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{PathText(entry.Path, entry.Depth)}\t{entry.Word}\t{entry.Count}"));
        }
    }

    /// <summary>Reads a cluster file; malformed lines are reported as an error (null) with the line number.</summary>
    public static WordClusters? Load(string path, out string? error)
    {
        ArgumentNullException.ThrowIfNull(path);
        var entries = new List<Entry>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length < 2 || fields[0].Length > MaxDepth || fields[0].Any(c => c is not ('0' or '1')) || fields[1].Length == 0)
            {
                error = $"{path}:{number}: expected \"path<TAB>word[<TAB>count]\" with a path of at most {MaxDepth} bits";
                return null;
            }

            var bits = 0UL;
            for (var d = 0; d < fields[0].Length; d++)
            {
                bits |= fields[0][d] == '1' ? 1UL << d : 0;
            }

            var count = fields.Length > 2 && long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
            entries.Add(new Entry(Normalize(fields[1]), bits, fields[0].Length, count));
        }

        error = null;
        return new WordClusters(entries);
    }
}
