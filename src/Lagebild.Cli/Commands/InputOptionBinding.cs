using System.CommandLine;
using System.Globalization;
using Lagebild.Ingest;

namespace Lagebild.Cli.Commands;

/// <summary>The input options shared by analyze, extract and ingest: --input, --lang, --published, --max-article-size, --verbose.</summary>
internal sealed class InputOptionBinding
{
    public Option<InputKind> Input { get; } = new("--input")
    {
        Description = "Input kind: auto (sniffed), text, html, feed, jsonl or warc.",
        DefaultValueFactory = _ => InputKind.Auto,
    };

    public Option<string> Language { get; } = new("--lang")
    {
        Description = "Language: auto (detect), de or en.",
        DefaultValueFactory = _ => "auto",
    };

    public Option<string?> Published { get; } = new("--published")
    {
        Description = "Publication date (ISO 8601) for inputs that carry none; relative dates resolve against it.",
    };

    public Option<string?> MaxArticleSize { get; } = new("--max-article-size")
    {
        Description = "Most input bytes per article, e.g. 1MB (the default), 500KB or 100000. Larger plain text is split at paragraphs into parts (file#part2); a larger JSONL record, page or feed item is refused.",
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "List every skipped file with the reason (the summary only counts them)." };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Input);
        command.Options.Add(Language);
        command.Options.Add(Published);
        command.Options.Add(MaxArticleSize);
        command.Options.Add(Verbose);
    }

    /// <summary>A size as a user writes it: bytes, or a number with KB or MB (binary: 1 KB = 1024 bytes); null when malformed or out of range.</summary>
    internal static int? ParseSize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var digits = text.Trim().ToUpperInvariant();
        digits = digits.EndsWith("IB", StringComparison.Ordinal) ? digits[..^2] : digits.EndsWith('B') ? digits[..^1] : digits;
        var unit = digits.EndsWith('K') ? 1024L : digits.EndsWith('M') ? 1024L * 1024 : 1L;
        digits = unit == 1 ? digits : digits[..^1];
        if (!decimal.TryParse(digits.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var bytes = number * unit;
        // Below a kilobyte every article would be cut into shreds; above 1 GiB one article alone would exhaust memory.
        return bytes is >= 1024 and <= 1024L * 1024 * 1024 ? (int)bytes : null;
    }

    /// <summary>Reads the options; a malformed value is a usage error with a message naming it.</summary>
    public bool TryBind(ParseResult result, out InputOptions options, out string? error)
    {
        ArgumentNullException.ThrowIfNull(result);
        options = InputOptions.Default;
        error = null;
        var language = result.GetValue(Language) ?? "auto";
        if (!string.Equals(language, "auto", StringComparison.OrdinalIgnoreCase) && (language.Length != 2 || !language.All(char.IsAsciiLetterLower)))
        {
            error = $"--lang '{language}' is not 'auto' or a two-letter ISO 639-1 code (de, en).";
            return false;
        }

        DateTimeOffset? published = null;
        var publishedText = result.GetValue(Published);
        if (publishedText is not null)
        {
            if (!DateTimeOffset.TryParse(publishedText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                error = $"--published '{publishedText}' is not an ISO 8601 date.";
                return false;
            }

            published = parsed;
        }

        var maxArticleBytes = InputOptions.DefaultMaxArticleBytes;
        if (result.GetValue(MaxArticleSize) is { } sizeText)
        {
            if (ParseSize(sizeText) is not { } size)
            {
                error = $"--max-article-size '{sizeText}' is not a size between 1KB and 1024MB (e.g. 2MB, 500KB, 100000).";
                return false;
            }

            maxArticleBytes = size;
        }

        options = new InputOptions
        {
            Kind = result.GetValue(Input),
            Language = string.Equals(language, "auto", StringComparison.OrdinalIgnoreCase) ? null : language,
            Published = published,
            MaxArticleBytes = maxArticleBytes,
        };
        return true;
    }
}
