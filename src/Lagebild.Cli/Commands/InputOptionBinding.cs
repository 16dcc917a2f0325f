using System.CommandLine;
using System.Globalization;
using Lagebild.Ingest;

namespace Lagebild.Cli.Commands;

/// <summary>The input options shared by analyze, extract and ingest: --input, --lang, --published.</summary>
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

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Input);
        command.Options.Add(Language);
        command.Options.Add(Published);
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

        options = new InputOptions
        {
            Kind = result.GetValue(Input),
            Language = string.Equals(language, "auto", StringComparison.OrdinalIgnoreCase) ? null : language,
            Published = published,
        };
        return true;
    }
}
