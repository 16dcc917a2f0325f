using System.CommandLine.Parsing;

namespace Lagebild.Cli.Commands;

/// <summary>
/// Parses an enum-valued argument or option by its lower-case names, with an error that lists the choices in
/// plain words (the parser's own message names the internal enum type).
/// </summary>
internal static class ChoiceParser
{
    public static Func<ArgumentResult, T> For<T>(string what)
        where T : struct, Enum
    {
        var names = Enum.GetNames<T>().Select(name => name.ToLowerInvariant()).ToArray();
        return result =>
        {
            var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            if (names.Contains(token.ToLowerInvariant(), StringComparer.Ordinal) && Enum.TryParse<T>(token, ignoreCase: true, out var value))
            {
                return value;
            }

            result.AddError($"{what} '{token}' is not one of: {string.Join(", ", names)}.");
            return default;
        };
    }
}
