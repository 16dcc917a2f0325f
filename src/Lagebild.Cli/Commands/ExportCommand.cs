using System.CommandLine;
using System.Text;
using Lagebild.Store;

namespace Lagebild.Cli.Commands;

internal enum ExportFormat
{
    Jsonl,
    Csv,
}

/// <summary>
/// `lagebild export jsonl|csv --out PATH`: streams the store out. JSONL holds one contract JSON per article
/// (exactly what analysis wrote, compact); CSV one row per article (or per event, entity, quote with --rows).
/// The file appears complete or not at all (written beside it, then renamed); "--out -" writes to stdout.
/// Exit 0 on success, 1 when the store is missing or unusable, 2 on a usage error.
/// </summary>
internal static class ExportCommand
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static Command Create()
    {
        var format = new Argument<ExportFormat>("format")
        {
            Description = "jsonl (contract JSON per line) or csv.",
            CustomParser = ChoiceParser.For<ExportFormat>("the export format"),
        };
        var outPath = new Option<string>("--out") { Description = "The file to write; '-' for stdout.", Required = true };
        var rowsKind = new Option<RecordKind>("--rows")
        {
            CustomParser = ChoiceParser.For<RecordKind>("--rows"),
            Description = "For csv: one row per article (default), event, entity or quote.",
            DefaultValueFactory = _ => RecordKind.Articles,
        };
        var store = new StoreOptionBinding(defaultLimit: null);
        var command = new Command("export", "Export stored articles as JSONL (the JSON contract) or CSV. A missing store is an error (exit 1).")
        {
            format,
            outPath,
            rowsKind,
        };
        store.AddTo(command);
        command.SetAction(result =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            if (!store.TryBind(result, out var filter, out var usage))
            {
                error.WriteLine($"lagebild export: {usage}");
                return ExitCodes.Usage;
            }

            var exportFormat = result.GetValue(format);
            var kind = result.GetValue(rowsKind);
            if (exportFormat == ExportFormat.Jsonl && kind != RecordKind.Articles)
            {
                error.WriteLine("lagebild export: --rows applies to csv; jsonl holds one article contract per line.");
                return ExitCodes.Usage;
            }

            var target = result.GetValue(outPath)!;
            string? temporary = null;
            try
            {
                using var opened = StoreBackends.Factory.Open(result.GetValue(store.Database)!, new StoreOpenOptions { CreateIfMissing = false });
                if (filter.Text is not null && opened.ValidateTextQuery(filter.Text) is { } invalid)
                {
                    error.WriteLine($"lagebild export: --text: {invalid}");
                    return ExitCodes.Usage;
                }

                long count;
                if (target == "-")
                {
                    count = Export(opened, exportFormat, kind, filter, output);
                    output.Flush();
                }
                else
                {
                    var fullTarget = Path.GetFullPath(target);
                    temporary = fullTarget + ".partial";
                    using (var writer = new StreamWriter(temporary, append: false, Utf8NoBom, bufferSize: 1 << 16))
                    {
                        count = Export(opened, exportFormat, kind, filter, writer);
                    }

                    File.Move(temporary, fullTarget, overwrite: true);
                    temporary = null;
                }

                var noun = kind switch
                {
                    RecordKind.Events => "events",
                    RecordKind.Entities => "entities",
                    RecordKind.Quotes => "quotes",
                    _ => "articles",
                };
                // The summary never mixes with exported data on stdout.
                (target == "-" ? error : output).WriteLine($"exported {count} {noun} to {(target == "-" ? "stdout" : Path.GetFullPath(target))}");
                return ExitCodes.Success;
            }
            catch (InvalidTextQueryException invalid)
            {
                error.WriteLine($"lagebild export: --text: {invalid.Message}");
                return ExitCodes.Usage;
            }
            catch (StoreException unusable)
            {
                error.WriteLine($"lagebild export: {unusable.Message}");
                return ExitCodes.SomeItemsFailed;
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"lagebild export: cannot write '{target}': {failure.Message}");
                return ExitCodes.SomeItemsFailed;
            }
            finally
            {
                if (temporary is not null)
                {
                    File.Delete(temporary);
                }
            }
        });
        return command;
    }

    private static long Export(IArticleStore store, ExportFormat format, RecordKind kind, StoreFilter filter, TextWriter writer)
    {
        if (format == ExportFormat.Csv)
        {
            return RowWriter.Write(store.Query(kind, filter), RowFormat.Csv, writer);
        }

        long count = 0;
        foreach (var contract in store.ReadContracts(filter))
        {
            writer.Write(Encoding.UTF8.GetString(contract));
            writer.Write('\n');
            count++;
        }

        return count;
    }
}
