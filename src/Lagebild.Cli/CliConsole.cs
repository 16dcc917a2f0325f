namespace Lagebild.Cli;

/// <summary>
/// The streams a command talks to and what they are connected to. Commands never touch <see cref="Console"/>
/// directly, so tests can run them against writers and a given standard input.
/// </summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error)
{
    /// <summary>Opens standard input; called once, only when an input is "-".</summary>
    public Func<Stream> OpenInput { get; init; } = () => Stream.Null;

    /// <summary>True when standard input is a pipe or file (so "analyze" without paths reads it).</summary>
    public bool IsInputRedirected { get; init; }

    /// <summary>True when standard output is a terminal: the default format is then the readable text report.</summary>
    public bool IsOutputTerminal { get; init; }

    /// <summary>True when standard error is a terminal: progress is then shown there for long runs.</summary>
    public bool IsErrorTerminal { get; init; }

    public static CliConsole System() => new(Console.Out, Console.Error)
    {
        OpenInput = Console.OpenStandardInput,
        IsInputRedirected = Console.IsInputRedirected,
        IsOutputTerminal = !Console.IsOutputRedirected,
        IsErrorTerminal = !Console.IsErrorRedirected,
    };
}
