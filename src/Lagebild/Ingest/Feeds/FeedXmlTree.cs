using System.Globalization;
using System.Net;
using System.Text;
using System.Xml;

namespace Lagebild.Ingest.Feeds;

/// <summary>An element of a feed document: name, attributes, direct text, children; Complete once its end tag was read.</summary>
internal sealed class FeedNode(string localName, string namespaceUri, string? language)
{
    private StringBuilder? _text;

    public string LocalName { get; } = localName;

    public string Namespace { get; } = namespaceUri;

    /// <summary>xml:lang in force for this element (own or inherited).</summary>
    public string? Language { get; } = language;

    public Dictionary<string, string> Attributes { get; } = new(StringComparer.Ordinal);

    public List<FeedNode> Children { get; } = [];

    public bool Complete { get; set; }

    /// <summary>The markup inside an Atom type="xhtml" construct, kept as a string.</summary>
    public string? InnerXml { get; set; }

    public string Text => _text?.ToString() ?? "";

    public void AppendText(string value) => (_text ??= new StringBuilder()).Append(value);

    public string? Attribute(string name) => Attributes.GetValueOrDefault(name);

    public IEnumerable<FeedNode> ChildrenNamed(string localName, Func<string, bool>? inNamespace = null) =>
        Children.Where(c => string.Equals(c.LocalName, localName, StringComparison.Ordinal) && (inNamespace is null || inNamespace(c.Namespace)));

    public FeedNode? Child(string localName, Func<string, bool>? inNamespace = null) => ChildrenNamed(localName, inNamespace).FirstOrDefault();
}

/// <summary>Where and why a feed is not well-formed XML.</summary>
internal sealed record FeedXmlError(int Line, int Position, string Message);

/// <summary>
/// Reads feed XML into a small element tree, tolerantly: no DTD processing, no external resolution, invalid
/// characters allowed, bounded size. When the document is not well-formed, the tree read up to the error is
/// kept (complete elements before it are usable) together with the error's line and position.
/// </summary>
internal static class FeedXmlTree
{
    /// <summary>Documents above this many characters are refused.</summary>
    public const long MaxDocumentCharacters = 64L * 1024 * 1024;

    private const int MaxDepth = 128;

    public static (FeedNode? Root, FeedXmlError? Error) Parse(string xml)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            CheckCharacters = false,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            MaxCharactersInDocument = MaxDocumentCharacters,
            MaxCharactersFromEntities = 1024,
        };

        FeedNode? root = null;
        var open = new Stack<FeedNode>();
        using var stringReader = new StringReader(BlankInvalidCharacters(xml));
        using var reader = XmlReader.Create(stringReader, settings);
        try
        {
            var advance = true;
            while (!advance || reader.Read())
            {
                advance = true;
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        // XmlLang is the xml:lang in scope, inherited from ancestors.
                        var node = new FeedNode(reader.LocalName, reader.NamespaceURI, NonEmpty(reader.XmlLang));
                        if (reader.HasAttributes)
                        {
                            for (var i = 0; i < reader.AttributeCount; i++)
                            {
                                reader.MoveToAttribute(i);
                                node.Attributes[reader.Name] = reader.Value;
                            }

                            reader.MoveToElement();
                        }

                        if (open.Count > 0)
                        {
                            open.Peek().Children.Add(node);
                        }
                        else
                        {
                            root ??= node;
                        }

                        if (reader.IsEmptyElement)
                        {
                            node.Complete = true;
                        }
                        else if (string.Equals(node.Attribute("type"), "xhtml", StringComparison.OrdinalIgnoreCase))
                        {
                            node.InnerXml = reader.ReadInnerXml();
                            node.Complete = true;
                            // ReadInnerXml already moved to the node after the end tag.
                            advance = false;
                        }
                        else
                        {
                            if (open.Count >= MaxDepth)
                            {
                                return (root, new FeedXmlError(LineOf(reader), PositionOf(reader), $"elements nested deeper than {MaxDepth}"));
                            }

                            open.Push(node);
                        }

                        break;
                    case XmlNodeType.Text:
                    case XmlNodeType.CDATA:
                    case XmlNodeType.Whitespace:
                    case XmlNodeType.SignificantWhitespace:
                        if (open.Count > 0)
                        {
                            open.Peek().AppendText(reader.Value);
                        }

                        break;
                    case XmlNodeType.EndElement:
                        if (open.Count > 0)
                        {
                            open.Pop().Complete = true;
                        }

                        break;
                }
            }

            return (root, null);
        }
        catch (XmlException error)
        {
            return (root, new FeedXmlError(error.LineNumber, error.LinePosition, StripPosition(error.Message)));
        }
    }

    /// <summary>
    /// Repairs the commonest breakage of hand-made feeds, outside CDATA sections: HTML named entities
    /// (&amp;nbsp;, &amp;auml;) become numeric references, a bare '&amp;' becomes "&amp;amp;".
    /// </summary>
    public static string RepairEntities(string xml)
    {
        var output = new StringBuilder(xml.Length + 64);
        var i = 0;
        while (i < xml.Length)
        {
            if (string.CompareOrdinal(xml, i, "<![CDATA[", 0, 9) == 0)
            {
                var end = xml.IndexOf("]]>", i, StringComparison.Ordinal);
                var stop = end < 0 ? xml.Length : end + 3;
                output.Append(xml, i, stop - i);
                i = stop;
                continue;
            }

            var c = xml[i];
            if (c != '&')
            {
                output.Append(c);
                i++;
                continue;
            }

            var semicolon = xml.IndexOf(';', i + 1, Math.Min(34, xml.Length - i - 1));
            var name = semicolon > i ? xml.Substring(i + 1, semicolon - i - 1) : "";
            if (name.Length > 0 && (IsXmlEntity(name) || IsCharacterReference(name)))
            {
                output.Append(xml, i, semicolon - i + 1);
                i = semicolon + 1;
                continue;
            }

            if (name.Length > 0 && name.All(char.IsAsciiLetterOrDigit))
            {
                var entity = "&" + name + ";";
                var decoded = WebUtility.HtmlDecode(entity);
                if (!string.Equals(decoded, entity, StringComparison.Ordinal))
                {
                    foreach (var rune in decoded.EnumerateRunes())
                    {
                        output.Append("&#").Append(rune.Value.ToString(CultureInfo.InvariantCulture)).Append(';');
                    }

                    i = semicolon + 1;
                    continue;
                }
            }

            output.Append("&amp;");
            i++;
        }

        return output.ToString();
    }

    /// <summary>
    /// Control characters XML forbids (the reader rejects them even with character checking off) become spaces,
    /// so that line and position of any later error still match the file.
    /// </summary>
    private static string BlankInvalidCharacters(string xml)
    {
        if (!xml.AsSpan().ContainsAnyInRange('\0', '\u001F') && !xml.AsSpan().ContainsAny('\uFFFE', '\uFFFF'))
        {
            return xml;
        }

        var chars = xml.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if ((chars[i] < ' ' && chars[i] is not ('\t' or '\n' or '\r')) || chars[i] is '\uFFFE' or '\uFFFF')
            {
                chars[i] = ' ';
            }
        }

        return new string(chars);
    }

    private static bool IsXmlEntity(string name) => name is "amp" or "lt" or "gt" or "quot" or "apos";

    private static bool IsCharacterReference(string name) =>
        name.Length > 1 && name[0] == '#'
        && (name[1] is 'x' or 'X'
            ? name.Length > 2 && name.AsSpan(2).IndexOfAnyExcept("0123456789abcdefABCDEF") < 0
            : name.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0);

    private static string? NonEmpty(string value) => value.Length == 0 ? null : value;

    private static int LineOf(XmlReader reader) => reader is IXmlLineInfo info ? info.LineNumber : 0;

    private static int PositionOf(XmlReader reader) => reader is IXmlLineInfo info ? info.LinePosition : 0;

    /// <summary>XmlException messages end with "Line n, position m."; the position is reported separately.</summary>
    private static string StripPosition(string message)
    {
        var at = message.LastIndexOf(" Line ", StringComparison.Ordinal);
        return (at > 0 ? message[..at] : message).TrimEnd('.', ' ');
    }
}
