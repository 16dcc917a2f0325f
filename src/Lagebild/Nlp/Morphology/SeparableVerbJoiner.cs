namespace Lagebild.Nlp.Morphology;

/// <summary>
/// Joins a separated verb particle back to its verb's lemma ("sprach … aus" → "aussprechen") so the verb carries
/// one lemma for whoever reads it. The pairing comes from a parser (deprel compound:prt) when one is given,
/// else from a heuristic: the particle tag at the end of a clause belongs to the nearest finite verb before it
/// in the same clause, skipping verbs that close a subordinate clause (followed by a comma).
/// Which tags mark particles and finite verbs is language data (data/&lt;lang&gt;/separable-verbs.txt).
/// </summary>
public sealed class SeparableVerbJoiner
{
    private readonly HashSet<string> _particleXpos;
    private readonly HashSet<string> _finiteXpos;
    private readonly HashSet<string> _clauseEnds;

    public SeparableVerbJoiner(IEnumerable<string> particleXpos, IEnumerable<string> finiteVerbXpos, IEnumerable<string> clauseEndForms)
    {
        _particleXpos = new HashSet<string>(particleXpos, StringComparer.Ordinal);
        _finiteXpos = new HashSet<string>(finiteVerbXpos, StringComparer.Ordinal);
        _clauseEnds = new HashSet<string>(clauseEndForms, StringComparer.Ordinal);
    }

    /// <summary>Reads the key = value lines of a separable-verbs.txt file; null when the language has none.</summary>
    public static SeparableVerbJoiner? Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return null;
        }

        var values = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new InvalidDataException($"{path}: line '{line}' is not 'key = values'.");
            }

            values[line[..eq].Trim()] = line[(eq + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        return new SeparableVerbJoiner(
            values.GetValueOrDefault("particle-xpos") ?? [],
            values.GetValueOrDefault("finite-verb-xpos") ?? [],
            values.GetValueOrDefault("clause-end-forms") ?? []);
    }

    /// <summary>(verb, particle) index pairs found by the heuristic, for a sentence without a parse.</summary>
    public List<(int Verb, int Particle)> FindPairs(IReadOnlyList<string> forms, IReadOnlyList<MorphAnalysis> analyses)
    {
        ArgumentNullException.ThrowIfNull(forms);
        ArgumentNullException.ThrowIfNull(analyses);
        var pairs = new List<(int, int)>();
        for (var particle = 0; particle < analyses.Count; particle++)
        {
            if (!_particleXpos.Contains(analyses[particle].Xpos))
            {
                continue;
            }

            for (var i = particle - 1; i >= 0; i--)
            {
                if (_clauseEnds.Contains(forms[i]))
                {
                    break;
                }

                var closesSubordinateClause = i + 1 < forms.Count && i + 1 != particle && string.Equals(forms[i + 1], ",", StringComparison.Ordinal);
                if (_finiteXpos.Contains(analyses[i].Xpos) && !closesSubordinateClause)
                {
                    pairs.Add((i, particle));
                    break;
                }
            }
        }

        return pairs;
    }

    /// <summary>Sets the verb's full lemma to particle + verb lemma for each pair; other analyses are unchanged.</summary>
    public static void Join(MorphAnalysis[] analyses, IEnumerable<(int Verb, int Particle)> pairs)
    {
        ArgumentNullException.ThrowIfNull(analyses);
        ArgumentNullException.ThrowIfNull(pairs);
        foreach (var (verb, particle) in pairs)
        {
            if ((uint)verb >= (uint)analyses.Length || (uint)particle >= (uint)analyses.Length || verb == particle)
            {
                continue;
            }

            var particleLemma = analyses[particle].Lemma.ToLowerInvariant();
            var verbLemma = analyses[verb].Lemma;
            if (verbLemma.StartsWith(particleLemma, StringComparison.Ordinal))
            {
                continue;
            }

            analyses[verb] = analyses[verb] with { FullLemma = particleLemma + verbLemma };
        }
    }

    /// <summary>Joins by the heuristic pairing.</summary>
    public void Join(IReadOnlyList<string> forms, MorphAnalysis[] analyses) => Join(analyses, FindPairs(forms, analyses));
}
