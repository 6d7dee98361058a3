namespace AmplifyAuthHandlers.Cli;

/// <summary>The few ANSI codes amplify-rest uses, only when <see cref="CliConsole.UseColor"/>.</summary>
internal static class Ansi
{
    public const string Bold = "\u001b[1m";
    public const string Green = "\u001b[32m";
    public const string Red = "\u001b[31m";
    public const string Dim = "\u001b[2m";
    public const string Reset = "\u001b[0m";
}
