using Lagebild.Nlp.Conllu;

namespace Lagebild.Cli.Commands;

/// <summary>
/// Training and dev sentences for the CoNLL-U trainers: every --train file, plus the dev file split by --dev-every
/// (every Nth sentence is dev, the rest trains; 0 keeps it all for dev). Problems are usage errors named on stderr.
/// </summary>
internal static class ConlluTrainingInput
{
    public static bool TryReadAll(IEnumerable<string> paths, List<ConlluSentence> into, TextWriter error)
    {
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                error.WriteLine($"lagebild: training file '{path}' not found.");
                return false;
            }

            into.AddRange(ConlluReader.ReadFile(path));
        }

        return true;
    }

    public static bool TryLoad(IEnumerable<string> trainPaths, string? devPath, int devEvery, TextWriter error, out List<ConlluSentence> train, out List<ConlluSentence> dev)
    {
        train = [];
        dev = [];
        if (!TryReadAll(trainPaths, train, error))
        {
            return false;
        }

        if (devPath is not null)
        {
            if (!File.Exists(devPath))
            {
                error.WriteLine($"lagebild: dev file '{devPath}' not found.");
                return false;
            }

            var all = ConlluReader.ReadFile(devPath);
            for (var i = 0; i < all.Count; i++)
            {
                (devEvery == 0 || i % devEvery == devEvery - 1 ? dev : train).Add(all[i]);
            }
        }

        if (train.Count == 0)
        {
            error.WriteLine("lagebild: no training sentences (give --train, or --dev with --dev-every).");
            return false;
        }

        return true;
    }
}
