using System.Text;

namespace Lagebild.Documents;

/// <summary>Whitespace folding shared by identity hashing, feed metadata and one-line displays.</summary>
public static class Whitespace
{
    /// <summary>Every run of whitespace becomes one space; leading and trailing whitespace is dropped.</summary>
    public static string Collapse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
