using System.CommandLine;
using Lagebild.Store;

namespace Lagebild.Cli.Commands;

/// <summary>
/// `lagebild query articles|events|entities|quotes`: lists what the store holds, filtered.
/// Exit 0 on success (also when nothing matches), 1 when the store is missing or unusable, 2 on a usage error
/// (including a malformed --text query).
/// </summary>
internal static class QueryCommand
{
    public const int DefaultLimit = 50;

    /// <summary>What fits a terminal; json and csv carry every column.</summary>
    private static readonly Dictionary<RecordKind, string[]> TableColumns = new()
    {
        [RecordKind.Articles] = ["id", "published", "source", "language", "title", "sentences", "urls"],
        [RecordKind.Events] = ["article", "event", "source", "target", "code", "quad_class", "goldstein", "modality", "date", "evidence"],
        [RecordKind.Entities] = ["article", "entity", "mention", "type", "actor_code", "actor_name"],
        [RecordKind.Quotes] = ["article", "quote", "speaker", "speaker_code", "text"],
    };

    public static Command Create()
    {
        var kind = new Argument<RecordKind>("what")
        {
            Description = "What to list: articles, events, entities or quotes.",
            CustomParser = ChoiceParser.For<RecordKind>("what to list"),
        };
        var format = new Option<RowFormat>("--format")
        {
            CustomParser = ChoiceParser.For<RowFormat>("--format"),
            Description = "Output: table (for reading), json (an array), jsonl or csv (RFC 4180).",
            DefaultValueFactory = _ => RowFormat.Table,
        };
        var store = new StoreOptionBinding(DefaultLimit);
        var command = new Command(
            "query",
            "List articles, events, entities or quotes from the store, in ingest order. A missing store is an error (exit 1).")
        {
            kind,
            format,
        };
        store.AddTo(command);
        command.SetAction(result =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            if (!store.TryBind(result, out var filter, out var usage))
            {
                error.WriteLine($"lagebild query: {usage}");
                return ExitCodes.Usage;
            }

            try
            {
                using var opened = StoreBackends.Factory.Open(result.GetValue(store.Database)!, new StoreOpenOptions { CreateIfMissing = false });
                if (filter.Text is not null && opened.ValidateTextQuery(filter.Text) is { } invalid)
                {
                    error.WriteLine($"lagebild query: --text: {invalid}");
                    return ExitCodes.Usage;
                }

                var rowFormat = result.GetValue(format);
                var rows = opened.Query(result.GetValue(kind), filter);
                if (rowFormat == RowFormat.Table && TableColumns.TryGetValue(result.GetValue(kind), out var readable))
                {
                    rows = rows.Select(readable);
                }

                var width = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected ? Console.WindowWidth : (int?)null;
                var written = RowWriter.Write(rows, rowFormat, output, width);
                if (filter.Limit is { } limit && written == limit)
                {
                    // On stderr: the hint must not corrupt json or csv output.
                    error.WriteLine($"lagebild query: showing the first {limit}; --limit N shows more, --limit 0 all.");
                }

                return ExitCodes.Success;
            }
            catch (InvalidTextQueryException invalid)
            {
                error.WriteLine($"lagebild query: --text: {invalid.Message}");
                return ExitCodes.Usage;
            }
            catch (StoreException unusable)
            {
                error.WriteLine($"lagebild query: {unusable.Message}");
                return ExitCodes.SomeItemsFailed;
            }
        });
        return command;
    }
}
