using System.Security.Cryptography;
using System.Text;

namespace Lagebild.Nlp;

/// <summary>
/// A short hash of one kind of trained model across languages (every data/models/&lt;lang&gt;/&lt;file&gt;: the
/// language, then the file's bytes). NLP stages put it in their versioned names, so an analysis stored with other
/// models is stale and re-analysed on ingest, as the knowledge stages do with their dictionaries.
/// </summary>
public static class ModelFingerprint
{
    /// <summary>Hashes the model files named <paramref name="modelFileName"/>; "none" when no language has one.</summary>
    public static string Of(DataDirectory data, string modelFileName)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(modelFileName);
        var root = data.Resolve("models");
        if (!Directory.Exists(root))
        {
            return "none";
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var found = false;
        var buffer = new byte[1 << 16];
        foreach (var directory in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(directory, modelFileName);
            if (!File.Exists(file))
            {
                continue;
            }

            found = true;
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(directory) + "\0"));
            using var stream = File.OpenRead(file);
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        return found ? Convert.ToHexStringLower(hash.GetHashAndReset())[..12] : "none";
    }
}
