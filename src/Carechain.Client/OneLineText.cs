namespace Carechain.Client;

/// <summary>
/// Text that came from a file or the network and ends up in a message shown to a user: control
/// characters (line breaks, terminal escape sequences) become spaces, so a message stays one line
/// and cannot repaint the user's terminal.
/// </summary>
internal static class OneLineText
{
    public static string From(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        }).Trim();
}
