using System.Text;
using Lagebild.Documents;

namespace Lagebild.Ingest.Html;

/// <summary>
/// Writes the inline content of one block the way a browser shows it: whitespace runs collapse to one space,
/// leading and trailing whitespace go, line breaks (&lt;br&gt;) become "\n" (at most two in a row), invisible
/// characters (soft hyphen, zero-width) are dropped. Preformatted blocks keep their whitespace.
/// Writes either into a plain StringBuilder (for scoring) or into an OffsetMapBuilder (for the final text),
/// so that both produce exactly the same characters.
/// </summary>
internal sealed class InlineTextWriter
{
    private readonly StringBuilder? _plain;
    private readonly OffsetMapBuilder? _mapped;
    private bool _wroteAny;
    private bool _pendingSpace;
    private int _pendingSpaceRaw;
    private int _pendingBreaks;
    private int _pendingBreakRaw;

    private InlineTextWriter(StringBuilder? plain, OffsetMapBuilder? mapped)
    {
        _plain = plain;
        _mapped = mapped;
    }

    public static InlineTextWriter Plain(StringBuilder target) => new(target, null);

    public static InlineTextWriter Mapped(OffsetMapBuilder target) => new(null, target);

    public bool Preformatted { get; set; }

    /// <summary>Characters written so far (to this writer's target).</summary>
    public int Length => _plain?.Length ?? _mapped!.Length;

    /// <summary>Starts a new block: forgets pending whitespace.</summary>
    public void BeginBlock()
    {
        _wroteAny = false;
        _pendingSpace = false;
        _pendingBreaks = 0;
    }

    public void LineBreak(int rawOffset)
    {
        if (!_wroteAny)
        {
            return;
        }

        if (_pendingBreaks == 0)
        {
            _pendingBreakRaw = rawOffset;
        }

        _pendingBreaks = Math.Min(2, _pendingBreaks + 1);
        _pendingSpace = false;
    }

    public void Write(char c, int rawOffset)
    {
        if (IsInvisible(c))
        {
            return;
        }

        if (Preformatted)
        {
            if (c == '\r')
            {
                return;
            }

            if (c == '\n')
            {
                LineBreak(rawOffset);
                return;
            }

            if (c == '\t' || c == '\u00A0')
            {
                c = ' ';
            }

            if (c == ' ' && !_wroteAny)
            {
                return;
            }
        }
        else if (IsCollapsible(c))
        {
            if (_wroteAny && _pendingBreaks == 0 && !_pendingSpace)
            {
                _pendingSpace = true;
                _pendingSpaceRaw = rawOffset;
            }

            return;
        }

        if (_pendingBreaks > 0)
        {
            for (var i = 0; i < _pendingBreaks; i++)
            {
                Emit('\n', _pendingBreakRaw);
            }

            _pendingBreaks = 0;
        }
        else if (_pendingSpace)
        {
            Emit(' ', _pendingSpaceRaw);
        }

        _pendingSpace = false;
        Emit(c, rawOffset);
        _wroteAny = true;
    }

    /// <summary>Writes the separator between two blocks.</summary>
    public void ParagraphBreak(int rawOffset)
    {
        Emit('\n', rawOffset);
        Emit('\n', rawOffset);
    }

    private void Emit(char c, int rawOffset)
    {
        if (_plain is not null)
        {
            _plain.Append(c);
        }
        else
        {
            _mapped!.Append(c, rawOffset);
        }
    }

    internal static bool IsCollapsible(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\u00A0' or '\u2007' or '\u202F' or '\u3000'
        || (c >= '\u2000' && c <= '\u200A');

    internal static bool IsInvisible(char c) => c is '\u00AD' or '\u200B' or '\u2060' or '\uFEFF' or '\0';
}
