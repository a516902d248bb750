namespace Carechain.Cli;

/// <summary>
/// Makes text from files, the network or exceptions safe for one line of terminal output: control
/// characters (line breaks, escape sequences that could repaint the terminal) become spaces.
/// </summary>
internal static class CliText
{
    public static string OneLine(string? text) =>
        text is null
            ? string.Empty
            : string.Create(text.Length, text, static (span, source) =>
            {
                for (var i = 0; i < source.Length; i++)
                {
                    span[i] = char.IsControl(source[i]) ? ' ' : source[i];
                }
            }).Trim();
}
