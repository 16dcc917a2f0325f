using System.Text;
using Lagebild.Documents;
using Lagebild.Ingest.Decoding;

namespace Lagebild.Tests.Ingest.Decoding;

public sealed class TextDecoderTests
{
    private const string German = "Größere Kölner Straße: 5 € für „Äpfel“ – süß.";

    public static TheoryData<string, byte[]> ByteOrderMarks() => new()
    {
        { "utf-8", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(German)] },
        { "utf-16", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(German)] },
        { "utf-16BE", [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(German)] },
        { "utf-32", [0xFF, 0xFE, 0x00, 0x00, .. new UTF32Encoding(false, false).GetBytes(German)] },
        { "utf-32BE", [0x00, 0x00, 0xFE, 0xFF, .. new UTF32Encoding(true, false).GetBytes(German)] },
    };

    [Theory]
    [MemberData(nameof(ByteOrderMarks))]
    public void ByteOrderMarkDecidesTheEncoding(string expectedEncoding, byte[] bytes)
    {
        // A wrong declaration loses against the mark.
        var decoded = TextDecoder.Decode(bytes, "iso-8859-1");
        Assert.Equal(German, decoded.Text);
        Assert.Equal(expectedEncoding, decoded.EncodingName, ignoreCase: true);
        Assert.False(decoded.Repaired);
    }

    [Fact]
    public void ValidUtf8WithoutDeclarationIsUtf8()
    {
        var decoded = TextDecoder.Decode(Encoding.UTF8.GetBytes(German));
        Assert.Equal(German, decoded.Text);
        Assert.Equal("utf-8", decoded.EncodingName);
    }

    [Fact]
    public void C1BytesMeanWindows1252()
    {
        // 0x80 €, 0x84 „, 0x93 “, 0x96 –: punctuation in Windows-1252, controls in ISO-8859-1.
        byte[] bytes = [.. "5 "u8, 0x80, .. " f"u8, 0xFC, .. "r "u8, 0x84, .. "Gr"u8, 0xFC, .. "n"u8, 0x93, .. " "u8, 0x96, .. " gut"u8];
        var decoded = TextDecoder.Decode(bytes);
        Assert.Equal("5 € für „Grün“ – gut", decoded.Text);
        Assert.Equal("windows-1252", decoded.EncodingName);
    }

    [Fact]
    public void LatinBytesWithoutC1AreIso88591()
    {
        byte[] bytes = [.. "Gr"u8, 0xF6, 0xDF, .. "e "u8, 0xC4, .. "pfel"u8];
        var decoded = TextDecoder.Decode(bytes);
        Assert.Equal("Größe Äpfel", decoded.Text);
        Assert.Equal("iso-8859-1", decoded.EncodingName);
    }

    [Fact]
    public void DeclaredLatin1OnValidUtf8IsTheClassicMislabel()
    {
        var decoded = TextDecoder.Decode(Encoding.UTF8.GetBytes(German), "ISO-8859-1");
        Assert.Equal(German, decoded.Text);
        Assert.Equal("utf-8", decoded.EncodingName);
    }

    [Fact]
    public void DeclaredUtf8OnInvalidBytesFallsBackToDetection()
    {
        byte[] bytes = [.. "K"u8, 0xF6, .. "ln"u8];
        var decoded = TextDecoder.Decode(bytes, "utf-8");
        Assert.Equal("Köln", decoded.Text);
    }

    [Fact]
    public void PlausibleDeclaredCharsetIsHonoured()
    {
        var cyrillic = "Минск и Пекин";
        var bytes = TextDecoder.ResolveCharset("windows-1251")!.GetBytes(cyrillic);
        var decoded = TextDecoder.Decode(bytes, "windows-1251");
        Assert.Equal(cyrillic, decoded.Text);
        Assert.Equal("windows-1251", decoded.EncodingName);
    }

    [Fact]
    public void UnknownCharsetLabelIsIgnored()
    {
        var decoded = TextDecoder.Decode(Encoding.UTF8.GetBytes(German), "no-such-charset");
        Assert.Equal(German, decoded.Text);
    }

    [Theory]
    [InlineData("KÃ¶lner Dom", "Kölner Dom")]
    [InlineData("Ã¼ber die BrÃ¼cke", "über die Brücke")]
    [InlineData("Krieg â€“ Frieden", "Krieg – Frieden")]
    [InlineData("â€žFrieden jetztâ€œ, sagte er", "„Frieden jetzt“, sagte er")]
    [InlineData("StraÃŸe, Ãœbung, Ã–l", "Straße, Übung, Öl")]
    [InlineData("Preis: 5â‚¬", "Preis: 5€")]
    [InlineData("Ã©tÃ© Ã\u00A0 Paris", "été à Paris")]
    [InlineData("Smile ðŸ˜€", "Smile 😀")]
    [InlineData("â€žGrÃ¼n“ ist gut", "„Grün“ ist gut")]
    [InlineData("Ð¯Ð½Ð´ÐµÐºÑ\u0081", "Яндекс")]
    [InlineData("DekiÄ‡ und Â© 2017", "Dekić und © 2017")]
    public void RepairsDoubleEncodedUtf8(string broken, string expected)
    {
        Assert.Equal(expected, TextDecoder.RepairMojibake(broken));
    }

    [Theory]
    [InlineData("SÃO PAULO und João")]
    [InlineData("Der Fuß“ ist ein Zitatende")]
    [InlineData("Â allein")]
    [InlineData("Größe, Übung, „Zitat“ – fertig…")]
    [InlineData("naïve café À la carte")]
    [InlineData("Ã")]
    public void LeavesLegitimateTextAlone(string text)
    {
        Assert.Same(text, TextDecoder.RepairMojibake(text));
    }

    [Fact]
    public void DecodeRepairsMojibakeInTheBytes()
    {
        // UTF-8 bytes of text that was already mojibake: valid UTF-8, so only the repair can fix it.
        var decoded = TextDecoder.Decode(Encoding.UTF8.GetBytes("Die KÃ¶lner"));
        Assert.Equal("Die Kölner", decoded.Text);
        Assert.True(decoded.Repaired);
    }

    [Fact]
    public void NormalisesLineEndingsWithMap()
    {
        var raw = "KÃ¶lner Dom\r\nText\rEnde\n";
        var (text, map, repaired) = TextDecoder.Normalize(raw);
        Assert.Equal("Kölner Dom\nText\nEnde\n", text);
        Assert.True(repaired);
        Assert.Equal(0, map.ToRaw(0));
        Assert.Equal(1, map.ToRaw(1)); // ö stands for "Ã¶"
        Assert.Equal(3, map.ToRaw(2)); // l
        Assert.Equal(11, map.ToRaw(10)); // LF stands for CRLF
        Assert.Equal(13, map.ToRaw(11)); // T
        Assert.Equal(17, map.ToRaw(15)); // LF for CR
        Assert.Equal("Dom", map.ToRaw(new Span(7, 3)).Of(raw));
        Assert.Equal("Text", map.ToRaw(new Span(11, 4)).Of(raw));
        Assert.Equal("Ende", map.ToRaw(new Span(16, 4)).Of(raw));
    }

    [Fact]
    public void UnchangedTextKeepsIdentityMap()
    {
        var raw = "Nichts zu tun.\nWirklich nicht.";
        var (text, map, repaired) = TextDecoder.Normalize(raw);
        Assert.Same(raw, text);
        Assert.False(repaired);
        Assert.True(OffsetMapComposition.IsIdentity(map));
    }

    [Fact]
    public void ComposedMapsFollowBothSteps()
    {
        // Outer: text "ab" stands for intermediate offsets 2..3; inner: intermediate offsets 0..4 shifted by 10 after 1.
        var outer = new OffsetMap([0], [2]);
        var inner = new OffsetMap([0, 1], [0, 11]);
        var composed = OffsetMapComposition.Compose(outer, 2, inner);
        Assert.Equal(12, composed.ToRaw(0));
        Assert.Equal(13, composed.ToRaw(1));
    }
}
