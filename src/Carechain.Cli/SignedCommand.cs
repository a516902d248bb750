using System.CommandLine;
using Carechain.Client;
using Carechain.Ledger.Transactions;

namespace Carechain.Cli;

/// <summary>
/// The shape shared by commands that act with a key on a node: --key, --node, --passphrase-env and
/// --json; a transaction that must commit and succeed, or a bearer token for reading protected data.
/// </summary>
internal sealed record SignedCommand(Option<string> Key, Option<string> Node, Option<string?> PassphraseEnv, Option<bool> Json)
{
    public static SignedCommand Options() => new(CommonOptions.Key(), CommonOptions.Node(), CommonOptions.PassphraseEnv(), CommonOptions.Json());

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Key);
        command.Options.Add(Node);
        command.Options.Add(PassphraseEnv);
        command.Options.Add(Json);
    }

    /// <summary>Opens the key, signs what <paramref name="build"/> makes, waits for its block; fails unless it succeeded.</summary>
    public async Task<(Transaction Transaction, long Height)> CommitAsync(
        CliContext context, Func<TransactionSigner, CancellationToken, Task<Transaction>> build)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(build);
        var ct = context.CancellationToken;
        using var key = await KeyFiles.OpenAsync(context, context.Value(Key)!, context.Value(PassphraseEnv));
        using var connection = context.Connect(context.Value(Node)!);
        var signer = await TransactionSigner.ForNodeAsync(connection.Client, key, ct);
        var transaction = await build(signer, ct);
        var response = await Submission.CommitAsync(signer, transaction, ct);
        return (transaction, response.Height!.Value);
    }

    /// <summary>Signs in with the key: a challenge from the node, signed, exchanged for a bearer token.</summary>
    public async Task<Client.Contracts.AuthTokenDto> TokenAsync(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var key = await KeyFiles.OpenAsync(context, context.Value(Key)!, context.Value(PassphraseEnv));
        using var connection = context.Connect(context.Value(Node)!);
        return await connection.Client.AuthenticateAsync(key, context.CancellationToken);
    }

    /// <summary>Signs in with the key and runs <paramref name="read"/> with a bearer token of it.</summary>
    public async Task<T> ReadAsync<T>(CliContext context, Func<CarechainClient, Core.Crypto.Ed25519PublicKey, string, CancellationToken, Task<T>> read)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(read);
        var ct = context.CancellationToken;
        using var key = await KeyFiles.OpenAsync(context, context.Value(Key)!, context.Value(PassphraseEnv));
        using var connection = context.Connect(context.Value(Node)!);
        var token = await connection.Client.AuthenticateAsync(key, ct);
        return await read(connection.Client, key.PublicKey, token.Token, ct);
    }
}
