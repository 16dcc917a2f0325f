using System.Text;

namespace Lagebild.Cli.Commands;

/// <summary>The one text input of the CoNLL commands: a file, or "-" for standard input. A missing file is a usage error.</summary>
internal static class TextInput
{
    public static StreamReader? TryOpen(string path, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(error);
        if (path == "-")
        {
            return new StreamReader(Console.OpenStandardInput(), Encoding.UTF8);
        }

        if (!File.Exists(path))
        {
            error.WriteLine($"lagebild: input '{path}' not found.");
            return null;
        }

        return new StreamReader(path, Encoding.UTF8);
    }
}
