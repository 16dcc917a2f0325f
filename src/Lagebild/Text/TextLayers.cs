using System.Globalization;
using System.Text.Json;
using Lagebild.Documents;
using Lagebild.Pipeline;

namespace Lagebild.Text;

/// <summary>The layers of the text stages (language, sentences, tokens) and what each adds to the outputs.</summary>
public static class TextLayers
{
    public static readonly LayerKey<LanguageGuess> Language = new("language", new LanguageOutput());

    public static readonly LayerKey<IReadOnlyList<Sentence>> Sentences = new("sentences", new SentencesOutput());

    public static readonly LayerKey<IReadOnlyList<Token>> Tokens = new("tokens", new TokensOutput());

    /// <summary>Writes the language layer and makes its code the language the later stages use (unless one is forced).</summary>
    public static void SetLanguage(AnalysisContext context, LanguageGuess guess)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(guess);
        context.Set(Language, guess);
        context.SetDetectedLanguage(guess.Code);
    }

    /// <summary>No contract section (the article's "language" is the context's); confidence and method in the report.</summary>
    private sealed class LanguageOutput : LayerOutput
    {
        public override void Report(ReportParts report, AnalysisContext context)
        {
            var guess = context.Get(Language);
            if (context.Options.ForcedLanguage is null && string.Equals(guess.Code, context.Language, StringComparison.Ordinal))
            {
                report.LanguageDetail = string.Create(CultureInfo.InvariantCulture, $"{guess.Code} (confidence {guess.Confidence:0.00}, {guess.Method})");
            }
        }

        public override StoredLayer? Store(AnalysisContext context, OutputOptions options)
        {
            var language = context.Get(Language);
            return StoredLayer.Of(1, writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("code", language.Code);
                writer.WriteNumber("confidence", language.Confidence);
                writer.WriteString("method", language.Method);
                writer.WriteEndObject();
            });
        }
    }

    private sealed class SentencesOutput : LayerOutput
    {
        public override string Section => "sentences";

        public override void WriteSection(Utf8JsonWriter writer, AnalysisContext context, OutputOptions options)
        {
            writer.WriteStartArray();
            foreach (var sentence in context.Get(Sentences))
            {
                writer.WriteStartObject();
                writer.WriteNumber("start", sentence.Span.Start);
                writer.WriteNumber("end", sentence.Span.End);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        public override void Report(ReportParts report, AnalysisContext context) =>
            report.AddLength(ReportParts.Count(context.Get(Sentences).Count, "sentence"));

        public override StoredLayer? Store(AnalysisContext context, OutputOptions options)
        {
            var sentences = context.Get(Sentences);
            // [start, end] pairs: compact, and the same offsets as the contract.
            return StoredLayer.Of(sentences.Count, writer =>
            {
                writer.WriteStartArray();
                foreach (var sentence in sentences)
                {
                    writer.WriteStartArray();
                    writer.WriteNumberValue(sentence.Span.Start);
                    writer.WriteNumberValue(sentence.Span.End);
                    writer.WriteEndArray();
                }

                writer.WriteEndArray();
            });
        }
    }

    /// <summary>The tokens, written only on request; the later token-indexed layers add their fields to each.</summary>
    private sealed class TokensOutput : LayerOutput
    {
        public override string Section => "tokens";

        public override void WriteSection(Utf8JsonWriter writer, AnalysisContext context, OutputOptions options)
        {
            writer.WriteStartArray();
            if (options.IncludeTokens)
            {
                var tokens = context.Get(Tokens);
                var fields = new List<Action<Utf8JsonWriter, int>>();
                foreach (var layer in context.WrittenLayers)
                {
                    if (layer.Output?.TokenFields(context) is { } writeFields)
                    {
                        fields.Add(writeFields);
                    }
                }

                for (var index = 0; index < tokens.Count; index++)
                {
                    var token = tokens[index];
                    writer.WriteStartObject();
                    writer.WriteNumber("start", token.Span.Start);
                    writer.WriteNumber("end", token.Span.End);
                    writer.WriteString("text", token.Form);
                    writer.WriteString("kind", KindName(token.Kind));
                    writer.WriteNumber("sentence", token.SentenceIndex);
                    foreach (var writeFields in fields)
                    {
                        writeFields(writer, index);
                    }

                    writer.WriteEndObject();
                }
            }

            writer.WriteEndArray();
        }

        public override void Report(ReportParts report, AnalysisContext context) =>
            report.AddLength(ReportParts.Count(context.Get(Tokens).Count, "token"));

        public override StoredLayer? Store(AnalysisContext context, OutputOptions options)
        {
            if (!options.IncludeTokens)
            {
                return null;
            }

            var tokens = context.Get(Tokens);
            return StoredLayer.Of(tokens.Count, writer =>
            {
                writer.WriteStartArray();
                foreach (var token in tokens)
                {
                    writer.WriteStartArray();
                    writer.WriteNumberValue(token.Span.Start);
                    writer.WriteNumberValue(token.Span.End);
                    writer.WriteStringValue(token.Form);
                    writer.WriteStringValue(KindName(token.Kind));
                    writer.WriteNumberValue(token.SentenceIndex);
                    writer.WriteEndArray();
                }

                writer.WriteEndArray();
            });
        }

        private static string KindName(TokenKind kind) => kind.ToString().ToLowerInvariant();
    }
}
