using BenchmarkDotNet.Running;

namespace Lagebild.Bench;

internal static class Program
{
    /// <summary>
    /// `dotnet run -c Release --project bench/Lagebild.Bench -- throughput [...]`: whole-run throughput over the news
    /// files; `-- memory`: resident memory and model load times with both languages loaded; `-- ingest [DIR]`: decoding and reader speeds over the news files; `-- large-input [MB] [--analyze]`: peak memory on a generated huge text file; anything else goes to BenchmarkDotNet
    /// (e.g. `-- --filter '*Pipeline*'`, `-- --list flat`).
    /// </summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && string.Equals(args[0], ThroughputCommand.Name, StringComparison.Ordinal))
        {
            return ThroughputCommand.Run(args[1..], Console.Out, Console.Error);
        }

        if (args.Length > 0 && string.Equals(args[0], MemoryCommand.Name, StringComparison.Ordinal))
        {
            return MemoryCommand.Run(Console.Out);
        }

        if (args.Length > 0 && string.Equals(args[0], LargeInputCommand.Name, StringComparison.Ordinal))
        {
            return LargeInputCommand.Run(args[1..], Console.Out);
        }

        if (args.Length > 0 && string.Equals(args[0], "ingest", StringComparison.Ordinal))
        {
            IngestThroughput.Run(args.Length > 1 ? args[1] : "../shared/data/news", Console.Out);
            return 0;
        }

        BenchmarkSwitcher.FromTypes([.. BenchmarkCatalog.All]).Run(args);
        return 0;
    }
}
