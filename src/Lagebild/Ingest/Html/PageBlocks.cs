using System.Text;
using AngleSharp.Dom;

namespace Lagebild.Ingest.Html;

internal enum BlockKind
{
    Paragraph,
    Heading,
    ListItem,
    Preformatted,
    Quote,
    Cell,
    Other,
}

internal enum BlockQuality
{
    /// <summary>Too short to judge alone: kept when it sits between good blocks.</summary>
    Short,

    /// <summary>Running text: long enough, few links.</summary>
    Good,

    /// <summary>Mostly links.</summary>
    Bad,
}

/// <summary>A block-level element of the page, with the text statistics of everything inside it.</summary>
internal sealed class ContentBox
{
    public ContentBox(IElement element, string tag, ContentBox? parent, ElementHint hint)
    {
        Element = element;
        Tag = tag;
        Parent = parent;
        Hint = hint;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    public IElement Element { get; }

    public string Tag { get; }

    public ContentBox? Parent { get; }

    public ElementHint Hint { get; }

    public int Depth { get; }

    /// <summary>Index of the first block inside this box; the box's blocks are [FirstBlock, EndBlock).</summary>
    public int FirstBlock { get; set; }

    public int EndBlock { get; set; }

    public int GoodChars { get; set; }

    /// <summary>Text and link characters of all blocks inside.</summary>
    public int TextChars { get; set; }

    public int LinkChars { get; set; }

    /// <summary>An ancestor names the article body.</summary>
    public bool InContent { get; init; }

    /// <summary>Inside a &lt;header&gt; within the article: headline, kicker, byline, lede.</summary>
    public bool InArticleHeader { get; init; }

    /// <summary>Furniture by its own markup (after the rule that a box holding most of the page's text is not).</summary>
    public bool IsBoilerplate { get; set; }

    /// <summary>This box or one of its ancestors is furniture.</summary>
    public bool InBoilerplate { get; set; }

    public double Score { get; set; }
}

/// <summary>One run of inline text: a paragraph, heading, list item, table cell, or text directly in a div.</summary>
internal sealed class TextBlock
{
    public TextBlock(ContentBox owner, INode[] pieces, string text, int linkChars, BlockKind kind, int headingLevel)
    {
        Owner = owner;
        Pieces = pieces;
        Text = text;
        LinkChars = linkChars;
        Kind = kind;
        HeadingLevel = headingLevel;
    }

    public ContentBox Owner { get; }

    /// <summary>Text nodes and &lt;br&gt; elements in document order.</summary>
    public INode[] Pieces { get; }

    /// <summary>The rendered text (whitespace collapsed).</summary>
    public string Text { get; }

    public int LinkChars { get; }

    public BlockKind Kind { get; }

    public int HeadingLevel { get; }

    public BlockQuality Quality { get; set; }

    public double LinkDensity => Text.Length == 0 ? 0 : (double)LinkChars / Text.Length;
}

/// <summary>
/// Cuts a parsed page into blocks of text and the block-level boxes that hold them, skipping what a browser
/// would not show (scripts, hidden elements, form controls). Walks the tree without recursion, so deeply
/// nested markup cannot overflow the stack.
/// </summary>
internal sealed class BlockSegmenter
{
    private readonly List<ContentBox> _boxes = [];
    private readonly List<TextBlock> _blocks = [];
    private readonly List<INode> _pieces = [];
    private readonly Dictionary<string, ElementHint> _nameVerdicts = new(StringComparer.Ordinal);
    private readonly StringBuilder _text = new();
    private readonly InlineTextWriter _writer;
    private int _linkChars;
    private int _linkDepth;
    private int _preDepth;
    private bool _blockPreformatted;
    private ContentBox? _box;

    public BlockSegmenter()
    {
        _writer = InlineTextWriter.Plain(_text);
    }

    public IReadOnlyList<ContentBox> Boxes => _boxes;

    public IReadOnlyList<TextBlock> Blocks => _blocks;

    public void Segment(IElement root)
    {
        var stack = new Stack<(INode Node, bool Exit)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, exit) = stack.Pop();
            if (node is IText textNode)
            {
                AddText(textNode);
                continue;
            }

            if (node is not IElement element)
            {
                continue;
            }

            var tag = element.LocalName;
            if (exit)
            {
                Leave(tag);
                continue;
            }

            if (HtmlElementRules.IsSkipped(tag))
            {
                continue;
            }

            var attributes = HtmlElementRules.ReadAttributes(element);
            if (attributes.Hidden)
            {
                continue;
            }

            if (tag == "br")
            {
                _pieces.Add(element);
                _writer.LineBreak(0);
                continue;
            }

            Enter(element, tag, attributes);
            stack.Push((element, true));
            var children = element.ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
            {
                var child = children[i];
                if (child.NodeType is NodeType.Element or NodeType.Text)
                {
                    stack.Push((child, false));
                }
            }
        }

        FlushBlock();
        while (_box is not null)
        {
            _box.EndBlock = _blocks.Count;
            _box = _box.Parent;
        }
    }

    private void Enter(IElement element, string tag, HtmlElementRules.RelevantAttributes attributes)
    {
        if (HtmlElementRules.IsBlock(tag))
        {
            FlushBlock();
            var insideContent = _box is not null && (_box.InContent || (_box.Hint & ElementHint.Content) != 0);
            var box = new ContentBox(element, tag, _box, HtmlElementRules.Classify(tag, attributes, insideContent, _nameVerdicts)) { FirstBlock = _blocks.Count, InContent = insideContent, InArticleHeader = (insideContent && tag == "header") || (_box?.InArticleHeader ?? false) };
            _boxes.Add(box);
            _box = box;
        }

        if (tag == "a")
        {
            _linkDepth++;
        }
        else if (tag is "pre" or "listing" or "plaintext" or "xmp")
        {
            _preDepth++;
        }
    }

    private void Leave(string tag)
    {
        if (tag == "a")
        {
            _linkDepth--;
        }
        else if (tag is "pre" or "listing" or "plaintext" or "xmp")
        {
            _preDepth--;
        }

        if (HtmlElementRules.IsBlock(tag) && _box is not null)
        {
            FlushBlock();
            _box.EndBlock = _blocks.Count;
            _box = _box.Parent;
        }
    }

    private void AddText(IText node)
    {
        if (_box is null)
        {
            return;
        }

        _pieces.Add(node);
        _writer.Preformatted = _preDepth > 0;
        _blockPreformatted |= _preDepth > 0;
        var before = _text.Length;
        foreach (var c in node.Data)
        {
            _writer.Write(c, 0);
        }

        if (_linkDepth > 0)
        {
            _linkChars += _text.Length - before;
        }
    }

    private void FlushBlock()
    {
        if (_box is not null && _text.Length > 0)
        {
            var (kind, level) = KindOf(_box, _blockPreformatted);
            _blocks.Add(new TextBlock(_box, [.. _pieces], _text.ToString(), Math.Min(_linkChars, _text.Length), kind, level));
        }

        _pieces.Clear();
        _text.Clear();
        _linkChars = 0;
        _blockPreformatted = false;
        _writer.BeginBlock();
    }

    private static (BlockKind Kind, int Level) KindOf(ContentBox owner, bool preformatted)
    {
        if (preformatted)
        {
            return (BlockKind.Preformatted, 0);
        }

        // A heading may wrap a div or a span that wraps a div; look a little way up.
        var box = owner;
        for (var hops = 0; box is not null && hops < 3; hops++, box = box.Parent)
        {
            if (HtmlElementRules.IsHeading(box.Tag))
            {
                return (BlockKind.Heading, box.Tag[1] - '0');
            }

            if (box.Tag is "p")
            {
                return (BlockKind.Paragraph, 0);
            }
        }

        return owner.Tag switch
        {
            "li" or "dd" or "dt" => (BlockKind.ListItem, 0),
            "blockquote" => (BlockKind.Quote, 0),
            "td" or "th" => (BlockKind.Cell, 0),
            _ => (BlockKind.Other, 0),
        };
    }
}
