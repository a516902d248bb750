namespace Carechain.Core.Keys;

/// <summary>
/// How much work Argon2id does to turn a passphrase into the keystore key. Stronger settings
/// make each passphrase guess proportionally more expensive for an attacker holding the file.
/// </summary>
public enum KeystoreStrength
{
    /// <summary>64 MiB and 3 passes: the default for keys that guard real funds or data.</summary>
    Interactive = 0,

    /// <summary>8 MiB and 1 pass: for tests and throwaway dev nodes only; also the weakest setting a keystore may carry.</summary>
    Fast = 1,
}
