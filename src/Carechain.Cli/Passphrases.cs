namespace Carechain.Cli;

/// <summary>
/// Where passphrases come from: an environment variable named by <c>--passphrase-env</c> (for scripts),
/// otherwise a hidden prompt on the terminal. A passphrase is never taken from the command line itself,
/// where it would land in shell history and the process list.
/// </summary>
internal static class Passphrases
{
    public static string FromEnvironment(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrEmpty(value)
            ? throw CliException.Usage($"environment variable {variable} is not set or empty")
            : value;
    }

    /// <summary>The passphrase of an existing keystore.</summary>
    public static async Task<string> ForExistingAsync(CliContext context, string? variable, string keyFile) =>
        variable is not null ? FromEnvironment(variable) : await context.PromptSecretAsync($"Passphrase for {keyFile}:");

    /// <summary>A passphrase for a new keystore; when prompted, it is asked twice because a typo would lock the key away for good.</summary>
    public static async Task<string> ForNewAsync(CliContext context, string? variable)
    {
        if (variable is not null)
        {
            return FromEnvironment(variable);
        }

        var first = await context.PromptSecretAsync("New passphrase:");
        var second = await context.PromptSecretAsync("Repeat the passphrase:");
        return first == second ? first : throw CliException.Usage("the two passphrases differ; nothing was written");
    }
}
