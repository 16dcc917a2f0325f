namespace Lagebild.Nlp.Conllu;

/// <summary>
/// Training and dev sentences for the CoNLL-U trainers: every training file, plus the dev file split by dev-every
/// (every Nth sentence is dev, the rest trains; 0 keeps it all for dev). A missing file or no training data is a
/// problem named in plain words (null when there is none).
/// </summary>
public static class ConlluTrainingData
{
    /// <summary>Reads every file into <paramref name="into"/>; the problem when one is missing.</summary>
    public static string? ReadAll(IEnumerable<string> paths, List<ConlluSentence> into)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(into);
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                return $"training file '{path}' not found.";
            }

            into.AddRange(ConlluReader.ReadFile(path));
        }

        return null;
    }

    /// <summary>Reads the training files and the dev file (split by <paramref name="devEvery"/>) into <paramref name="train"/> and <paramref name="dev"/>.</summary>
    public static string? Load(IEnumerable<string> trainPaths, string? devPath, int devEvery, List<ConlluSentence> train, List<ConlluSentence> dev)
    {
        ArgumentNullException.ThrowIfNull(dev);
        if (ReadAll(trainPaths, train) is { } problem)
        {
            return problem;
        }

        if (devPath is not null)
        {
            if (!File.Exists(devPath))
            {
                return $"dev file '{devPath}' not found.";
            }

            var all = ConlluReader.ReadFile(devPath);
            for (var i = 0; i < all.Count; i++)
            {
                (devEvery == 0 || i % devEvery == devEvery - 1 ? dev : train).Add(all[i]);
            }
        }

        return train.Count == 0 ? "no training sentences (give --train, or --dev with --dev-every)." : null;
    }
}
