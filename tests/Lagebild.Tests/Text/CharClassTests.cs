using Lagebild.Text.Segmentation;

namespace Lagebild.Tests.Text;

public sealed class CharClassTests
{
    [Fact]
    public void WhiteSpaceSearchValuesMatchCharIsWhiteSpace()
    {
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var ch = (char)c;
            Assert.True(char.IsWhiteSpace(ch) == CharClass.WhiteSpace.Contains(ch), $"U+{c:X4}");
            Assert.True(char.IsWhiteSpace(ch) == CharClass.IsWhite(ch), $"U+{c:X4}");
            Assert.True(CharClass.IsNewline(ch) == CharClass.Newlines.Contains(ch), $"U+{c:X4}");
        }
    }
}
