namespace Lagebild.Nlp.Conllu;

/// <summary>
/// One syntactic word of a CoNLL-U sentence (an integer-id line). Columns are kept as text, "_" when empty,
/// so a file read and written back keeps what it did not change.
/// </summary>
public sealed class ConlluWord
{
    public ConlluWord(int id, string form)
    {
        ArgumentNullException.ThrowIfNull(form);
        Id = id;
        Form = form;
    }

    /// <summary>1-based position of the word in its sentence.</summary>
    public int Id { get; }

    public string Form { get; set; }

    public string Lemma { get; set; } = "_";

    public string Upos { get; set; } = "_";

    public string Xpos { get; set; } = "_";

    public string Feats { get; set; } = "_";

    /// <summary>Head word id as text ("0" for the root), or "_" when no parse is given.</summary>
    public string Head { get; set; } = "_";

    public string Deprel { get; set; } = "_";

    public string Deps { get; set; } = "_";

    public string Misc { get; set; } = "_";

    /// <summary>Clears every annotation column, keeping the id, form and MISC (which carries SpaceAfter).</summary>
    public void ClearAnnotation()
    {
        Lemma = "_";
        Upos = "_";
        Xpos = "_";
        Feats = "_";
        Head = "_";
        Deprel = "_";
        Deps = "_";
    }
}

/// <summary>A multi-word token line ("1-2 zum"): the surface token covering words First..Last.</summary>
public sealed record ConlluMultiWordToken(int First, int Last, string Form, string Misc);

/// <summary>
/// A surface token as the text shows it: a word line, or a multi-word token line ("im", "don't") standing for its
/// words; <see cref="SpaceAfter"/> is false when MISC says SpaceAfter=No.
/// </summary>
public sealed record ConlluSurfaceToken(string Form, bool SpaceAfter);

/// <summary>An empty node line ("8.1 ..."), kept verbatim and written back after word <see cref="AfterWord"/>.</summary>
public sealed record ConlluEmptyNode(int AfterWord, string Line);

/// <summary>A CoNLL-U sentence: its comment lines, words, multi-word tokens and empty nodes.</summary>
public sealed class ConlluSentence
{
    /// <summary>Comment lines with their leading '#', in file order.</summary>
    public List<string> Comments { get; } = [];

    public List<ConlluWord> Words { get; } = [];

    public List<ConlluMultiWordToken> MultiWordTokens { get; } = [];

    public List<ConlluEmptyNode> EmptyNodes { get; } = [];

    /// <summary>The value of a "# key = value" comment, or null.</summary>
    public string? GetComment(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        foreach (var line in Comments)
        {
            var body = line.AsSpan(1).Trim();
            if (body.StartsWith(key, StringComparison.Ordinal))
            {
                var rest = body[key.Length..].TrimStart();
                if (rest.Length > 0 && rest[0] == '=')
                {
                    return rest[1..].Trim().ToString();
                }
            }
        }

        return null;
    }

    /// <summary>Whether a "# newdoc" comment opens a new document with this sentence.</summary>
    public bool StartsDocument => Comments.Exists(c => c.StartsWith("# newdoc", StringComparison.Ordinal));

    /// <summary>Whether a "# newpar" comment opens a new paragraph with this sentence.</summary>
    public bool StartsParagraph => Comments.Exists(c => c.StartsWith("# newpar", StringComparison.Ordinal));

    /// <summary>
    /// The surface tokens in order: a multi-word token counts once in place of the words it covers; empty nodes are
    /// left out. This is what the CoNLL 2018 "Tokens" metric counts.
    /// </summary>
    public IReadOnlyList<ConlluSurfaceToken> SurfaceTokens()
    {
        var tokens = new List<ConlluSurfaceToken>(Words.Count);
        var next = 0;
        var coveredUntil = 0;
        foreach (var word in Words)
        {
            // A range line stands before the first word it covers.
            while (next < MultiWordTokens.Count && MultiWordTokens[next].First <= word.Id)
            {
                var range = MultiWordTokens[next++];
                tokens.Add(new ConlluSurfaceToken(range.Form, HasSpaceAfter(range.Misc)));
                coveredUntil = range.Last;
            }

            if (word.Id > coveredUntil)
            {
                tokens.Add(new ConlluSurfaceToken(word.Form, HasSpaceAfter(word.Misc)));
            }
        }

        for (; next < MultiWordTokens.Count; next++)
        {
            tokens.Add(new ConlluSurfaceToken(MultiWordTokens[next].Form, HasSpaceAfter(MultiWordTokens[next].Misc)));
        }

        return tokens;
    }

    /// <summary>A deep copy, so that retagging the copy leaves this sentence as it was.</summary>
    public ConlluSentence DeepCopy()
    {
        var copy = new ConlluSentence();
        copy.Comments.AddRange(Comments);
        copy.MultiWordTokens.AddRange(MultiWordTokens);
        copy.EmptyNodes.AddRange(EmptyNodes);
        foreach (var word in Words)
        {
            copy.Words.Add(new ConlluWord(word.Id, word.Form)
            {
                Lemma = word.Lemma, Upos = word.Upos, Xpos = word.Xpos, Feats = word.Feats, Head = word.Head, Deprel = word.Deprel, Deps = word.Deps, Misc = word.Misc,
            });
        }

        return copy;
    }

    /// <summary>The forms of the words, in order.</summary>
    public string[] Forms()
    {
        var forms = new string[Words.Count];
        for (var i = 0; i < forms.Length; i++)
        {
            forms[i] = Words[i].Form;
        }

        return forms;
    }

    private static bool HasSpaceAfter(string misc) => !misc.Split('|').Contains("SpaceAfter=No", StringComparer.Ordinal);
}
