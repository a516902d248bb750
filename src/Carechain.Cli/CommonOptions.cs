using System.CommandLine;

namespace Carechain.Cli;

/// <summary>
/// The options several commands share, spelled the same everywhere. Each call makes a new instance,
/// because an option belongs to the command it is added to.
/// </summary>
internal static class CommonOptions
{
    public static Option<bool> Json() => new("--json")
    {
        Description = "Machine output: exactly one JSON object on stdout, as the last line",
    };

    public static Option<string> Node() => new("--node")
    {
        Description = "The node's URL, e.g. http://localhost:8080",
        Required = true,
    };

    public static Option<string> Key(string name = "--key", string description = "The keystore file of the signing key") => new(name)
    {
        Description = description,
        Required = true,
    };

    public static Option<string?> PassphraseEnv(string name = "--passphrase-env", string description = "Read the keystore passphrase from this environment variable instead of asking") => new(name)
    {
        Description = description,
    };
}
