using Carechain.Core.Crypto;
using Carechain.Ledger.Transactions;

namespace Carechain.Cli;

/// <summary>Parses identifiers typed on the command line; anything malformed is a usage error that says what was expected.</summary>
internal static class InputParsing
{
    public static TxId TxId(string? text) =>
        Ledger.Transactions.TxId.TryParse(text, out var id) ? id : throw CliException.Usage("a transaction id is 64 hexadecimal characters");

    public static Ed25519PublicKey PublicKey(string? text, string what) =>
        Ed25519PublicKey.TryParse(text, out var key)
            ? key
            : throw CliException.Usage($"{what} '{text}' is not a valid Ed25519 public key (64 hexadecimal characters)");
}
