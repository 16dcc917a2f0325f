namespace Lagebild.Ingest.Html;

/// <summary>
/// Picks the article's blocks from a segmented page.
/// 1. Each block is judged on its own: running text (long, few links), link list, or too short to tell.
/// 2. Boxes marked as furniture by their markup stay furniture unless they hold most of the page's running text
///    (templates name whole-page wrappers "has-sidebar" or wrap everything in a form).
/// 3. Every box is scored: running text counts for it, link text and furniture against it. The best box is the
///    smallest region that holds the article's text without the page around it.
/// 4. Inside that box, furniture and link lists go; short blocks (subheadings, list items, one-line paragraphs)
///    stay only between running-text blocks, which drops bylines, datelines and trailers at the edges.
/// </summary>
internal static class ContentSelector
{
    /// <summary>Blocks at least this long with few links are running text.</summary>
    private const int GoodLength = 100;

    /// <summary>Shorter blocks count as running text when they read like a sentence.</summary>
    private const int GoodSentenceLength = 50;

    private const int GoodSentenceWords = 7;

    private const double GoodMaxLinkDensity = 0.3;

    /// <summary>Long paragraphs may link more (a sentence or two of citations) and still be running text.</summary>
    private const int LongBlockLength = 300;

    private const double LongBlockMaxLinkDensity = 0.35;

    private const int DenseScriptWeight = 3;

    private const int TeaserListMinItems = 3;

    private const double TeaserListMinLinkDensity = 0.2;

    private const double BadMinLinkDensity = 0.5;

    /// <summary>A furniture box holding at least this share of the page's running text is not furniture.</summary>
    private const double FurnitureSafetyShare = 0.6;

    private const double BadPenalty = 0.5;

    private const double FurniturePenalty = 0.15;

    private const double ShortCredit = 0.2;

    private const double ContentBonus = 0.1;

    private const double StrongContentBonus = 0.25;

    public static List<TextBlock> Select(IReadOnlyList<ContentBox> boxes, IReadOnlyList<TextBlock> blocks, string? title, BoilerplatePhrases phrases) =>
        Select(boxes, blocks, title, phrases, out _);

    public static List<TextBlock> Select(IReadOnlyList<ContentBox> boxes, IReadOnlyList<TextBlock> blocks, string? title, BoilerplatePhrases phrases, out ContentBox? container)
    {
        container = null;
        var selected = new List<TextBlock>();
        if (boxes.Count == 0 || blocks.Count == 0)
        {
            return selected;
        }

        foreach (var block in blocks)
        {
            block.Owner.TextChars += block.Text.Length;
            block.Owner.LinkChars += block.LinkChars;
        }

        for (var i = boxes.Count - 1; i > 0; i--)
        {
            if (boxes[i].Parent is { } parent)
            {
                parent.TextChars += boxes[i].TextChars;
                parent.LinkChars += boxes[i].LinkChars;
            }
        }

        foreach (var block in blocks)
        {
            block.Quality = Judge(block);
            if (block.Quality == BlockQuality.Good)
            {
                block.Owner.GoodChars += block.Text.Length;
            }
        }

        for (var i = boxes.Count - 1; i > 0; i--)
        {
            if (boxes[i].Parent is { } parent)
            {
                parent.GoodChars += boxes[i].GoodChars;
            }
        }

        var totalGood = 0;
        foreach (var box in boxes)
        {
            if (box.Parent is null)
            {
                totalGood += box.GoodChars;
            }
        }

        if (totalGood == 0)
        {
            return selected;
        }

        foreach (var box in boxes)
        {
            box.IsBoilerplate = (box.Hint & ElementHint.Boilerplate) != 0 && box.GoodChars < FurnitureSafetyShare * totalGood;
            box.InBoilerplate = box.IsBoilerplate || (box.Parent?.InBoilerplate ?? false);
            box.Score = 0;
        }

        foreach (var block in blocks)
        {
            block.Owner.Score += Value(block);
        }

        for (var i = boxes.Count - 1; i > 0; i--)
        {
            if (boxes[i].Parent is { } parent)
            {
                parent.Score += boxes[i].Score;
            }
        }

        ContentBox? best = null;
        var bestScore = double.NegativeInfinity;
        foreach (var box in boxes)
        {
            if (box.GoodChars == 0)
            {
                continue;
            }

            var score = box.Score;
            if ((box.Hint & ElementHint.StrongContent) != 0)
            {
                score += StrongContentBonus * box.GoodChars;
            }
            else if ((box.Hint & ElementHint.Content) != 0)
            {
                score += ContentBonus * box.GoodChars;
            }

            // Preorder: on a tie the later box is the descendant, the tighter region.
            if (score >= bestScore)
            {
                bestScore = score;
                best = box;
            }
        }

        if (best is null)
        {
            return selected;
        }

        container = best;

        // Blocks of the container, null where furniture or a link list was dropped (kept as a gap so that
        // extending past the running text stops at page furniture).
        var candidates = new List<TextBlock?>();
        for (var i = best.FirstBlock; i < best.EndBlock; i++)
        {
            var block = blocks[i];
            // In an article's header only the lede (running text) counts; the rest is headline, byline, date.
            var dropped = block.Quality == BlockQuality.Bad || IsFurnitureBelow(block.Owner, best)
                || (block.Owner.InArticleHeader && block.Quality != BlockQuality.Good);
            candidates.Add(dropped ? null : block);
        }

        var firstGood = candidates.FindIndex(b => b?.Quality == BlockQuality.Good);
        if (firstGood < 0)
        {
            return selected;
        }

        // "Lesen Sie auch", "About the author", "Comments": the article ends there, unless the phrase heads a box
        // of its own inside the article (an embedded related-links box) and running text follows: then only that
        // box goes.
        var cut = candidates.Count;
        for (var i = firstGood + 1; i < candidates.Count; i++)
        {
            if (candidates[i] is not { Quality: not BlockQuality.Good } block || !phrases.EndsArticle(block.Text))
            {
                continue;
            }

            var index = best.FirstBlock + i;
            var section = block.Owner;
            while (section.Parent is { } parent && parent != best && parent.FirstBlock == index)
            {
                section = parent;
            }

            // The article goes on right after the box: it was an aside, not the start of the page's tail.
            if (section.EndBlock - section.FirstBlock > 1 && section.EndBlock < best.EndBlock
                && candidates[section.EndBlock - best.FirstBlock] is { Quality: BlockQuality.Good })
            {
                for (var k = section.FirstBlock; k < section.EndBlock; k++)
                {
                    candidates[k - best.FirstBlock] = null;
                }

                i = section.EndBlock - best.FirstBlock - 1;
                continue;
            }

            cut = i;
            break;
        }

        candidates.RemoveRange(cut, candidates.Count - cut);
        var lastGood = candidates.FindLastIndex(b => b?.Quality == BlockQuality.Good);

        var from = firstGood;
        var to = lastGood;
        // Short lines next to the running text (a one-line lede, a closing remark) belong to it, up to the
        // first piece of furniture or the headline.
        while (from > 0 && candidates[from - 1] is { } previous && !(previous.Kind == BlockKind.Heading && previous.HeadingLevel == 1))
        {
            from--;
        }

        while (to + 1 < candidates.Count && candidates[to + 1] is { Kind: not BlockKind.Heading })
        {
            to++;
        }

        for (var i = from; i <= to; i++)
        {
            if (candidates[i] is not { } block || SameText(block.Text, title)
                || (block.Quality != BlockQuality.Good && (phrases.IsLabel(block.Text) || phrases.EndsArticle(block.Text))))
            {
                continue;
            }

            if (block.Kind == BlockKind.Heading && (block.HeadingLevel == 1 || i >= lastGood))
            {
                continue;
            }

            selected.Add(block);
        }

        return selected;
    }

    private static BlockQuality Judge(TextBlock block)
    {
        var linkDensity = block.LinkDensity;
        if (linkDensity >= BadMinLinkDensity || IsTeaserListItem(block))
        {
            return BlockQuality.Bad;
        }

        var (length, words) = Measure(block.Text);
        var maxLinkDensity = length >= LongBlockLength ? LongBlockMaxLinkDensity : GoodMaxLinkDensity;
        if (block.Kind == BlockKind.Heading || linkDensity > maxLinkDensity)
        {
            return BlockQuality.Short;
        }

        if (length >= GoodLength)
        {
            return BlockQuality.Good;
        }

        if (length >= GoodSentenceLength && EndsLikeSentence(block.Text) && words >= GoodSentenceWords)
        {
            return BlockQuality.Good;
        }

        return BlockQuality.Short;
    }

    /// <summary>
    /// An item of a list whose items are mostly headline links (related stories, news tickers, "most read"):
    /// each item may carry a long description, but the list as a whole is a set of links.
    /// </summary>
    private static bool IsTeaserListItem(TextBlock block)
    {
        if (block.Kind != BlockKind.ListItem || block.LinkChars == 0)
        {
            return false;
        }

        for (var box = block.Owner; box is not null; box = box.Parent)
        {
            if (box.Tag is "ul" or "ol")
            {
                return box.EndBlock - box.FirstBlock >= TeaserListMinItems && box.TextChars > 0
                    && (double)box.LinkChars / box.TextChars >= TeaserListMinLinkDensity;
            }
        }

        return false;
    }

    /// <summary>
    /// Length and word count, with ideographic and syllabic scripts (CJK, kana, hangul), which carry a word
    /// or more per character and put no spaces between words, weighted to compare with alphabetic text.
    /// </summary>
    private static (int Length, int Words) Measure(string text)
    {
        var length = 0;
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (c >= '\u2E80' && (c <= '\u9FFF' || (c >= '\uAC00' && c <= '\uD7AF') || (c >= '\uF900' && c <= '\uFAFF')))
            {
                length += DenseScriptWeight;
                words++;
                inWord = false;
                continue;
            }

            length++;
            var letter = char.IsLetterOrDigit(c);
            if (letter && !inWord)
            {
                words++;
            }

            inWord = letter;
        }

        return (length, words);
    }

    private static double Value(TextBlock block)
    {
        var length = block.Text.Length;
        if (block.Owner.InBoilerplate)
        {
            return -FurniturePenalty * length;
        }

        return block.Quality switch
        {
            BlockQuality.Good => length,
            BlockQuality.Bad => -BadPenalty * length,
            _ when block.Kind == BlockKind.Heading => 0,
            _ => block.LinkDensity < 0.3 ? ShortCredit * length : -BadPenalty * length * block.LinkDensity,
        };
    }

    /// <summary>Furniture between the block and the chosen box (furniture above the box does not count).</summary>
    private static bool IsFurnitureBelow(ContentBox owner, ContentBox container)
    {
        for (var box = owner; box is not null && box != container; box = box.Parent)
        {
            if (box.IsBoilerplate)
            {
                return true;
            }
        }

        return false;
    }

    private static bool EndsLikeSentence(string text)
    {
        for (var i = text.Length - 1; i >= 0 && i >= text.Length - 4; i--)
        {
            var c = text[i];
            if (c is '.' or '!' or '?' or ':' or ';' or '…' or '。' or '！' or '？' or '：')
            {
                return true;
            }

            if (c is not ('"' or '\'' or '”' or '“' or '»' or '«' or '’' or ')' or ' '))
            {
                return false;
            }
        }

        return false;
    }

    private static bool SameText(string text, string? title)
    {
        if (title is null || text.Length > title.Length + 8)
        {
            return false;
        }

        return string.Equals(text.Trim(), title.Trim(), StringComparison.OrdinalIgnoreCase);
    }
}
