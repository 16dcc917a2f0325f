using System.CommandLine;

namespace Lagebild.Cli.Commands;

/// <summary>`lagebild eval ...`: scores components against gold data. One subcommand per component.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var command = new Command("eval", "Score a component against gold data.");
        command.Subcommands.Add(EvalNlpCommand.Create());
        command.Subcommands.Add(EvalParserCommand.Create());
        return command;
    }
}
