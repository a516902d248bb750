using System.CommandLine;
using Carechain.Client;
using Carechain.Core.Crypto;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Supply.Gs1;
using Carechain.Modules.Supply.Packs;

namespace Carechain.Cli.Commands;

/// <summary>What the signed <c>supply</c> commands share: their options, reading pack codes, and submitting one transaction.</summary>
internal static class SupplySubmission
{
    /// <summary>Ways people type the invisible GS separator on a command line.</summary>
    private static readonly string[] GroupSeparatorSpellings = ["<GS>", "{GS}", "\\x1d", "\\x1D", "\\u001d", "\\u001D"];

    public static (Option<string> Key, Option<string> Node, Option<string?> PassphraseEnv, Option<bool> Json) SigningOptions() =>
        (CommonOptions.Key(), CommonOptions.Node(), CommonOptions.PassphraseEnv(), CommonOptions.Json());

    public static Option<string> Location() => new("--location")
    {
        Description = "Where it happens: a GLN or site name (printable ASCII, at most 64 characters)",
        DefaultValueFactory = _ => string.Empty,
    };

    /// <summary>The scanner's GS byte from any of its command-line spellings.</summary>
    public static string Unescape(string code)
    {
        foreach (var spelling in GroupSeparatorSpellings)
        {
            code = code.Replace(spelling, Gs1Code.GroupSeparator.ToString(), StringComparison.Ordinal);
        }

        return code;
    }

    public static Gs1Code ParseCode(string text, string what)
    {
        if (!Gs1Code.TryParse(Unescape(text), DateTime.UtcNow.Year, out var code, out var error))
        {
            throw CliException.Failed(error!.Signal, $"{what} '{CliText.OneLine(text)}': {error}");
        }

        return code!;
    }

    /// <summary>A pack from a GS1 code naming (01) and (21), or from a bare serial when <paramref name="gtin"/> is given.</summary>
    public static PackId ParsePack(string text, Gtin? gtin)
    {
        if (gtin is { } product && PackId.TryCreate(product, text, out var bare))
        {
            return bare;
        }

        var code = ParseCode(text, "pack");
        return code.Gtin is { } g && PackId.TryCreate(g, code.Serial, out var pack)
            ? pack
            : throw CliException.Usage($"pack '{CliText.OneLine(text)}' must name a GTIN (01) and a serial (21), or be a serial with --gtin");
    }

    /// <summary>An SSCC when <paramref name="text"/> is a GS1 code naming only a case or pallet (AI 00), else null.</summary>
    public static Sscc? TryParseContainer(string text) =>
        Gs1Code.TryParse(Unescape(text), DateTime.UtcNow.Year, out var code, out _) && code!.Sscc is { } sscc && code.Gtin is null ? sscc : null;

    public static Gtin ParseGtin(string text) =>
        Gtin.TryParse(text, out var gtin, out var error) ? gtin : throw CliException.Usage($"GTIN '{CliText.OneLine(text)}': {error}");

    /// <summary>Opens the key, signs what <paramref name="build"/> makes, waits for it to commit and succeed; returns the response.</summary>
    public static async Task<(Transaction Transaction, Client.Contracts.SubmitTransactionResponse Response, CarechainClient Client, NodeConnection Connection, string? Token)> CommitAsync(
        CliContext context, string keyFile, string nodeUrl, string? passphraseEnv, Func<TransactionSigner, CancellationToken, Task<Transaction>> build, bool signIn = false)
    {
        var ct = context.CancellationToken;
        using var key = await KeyFiles.OpenAsync(context, keyFile, passphraseEnv);
        var connection = context.Connect(nodeUrl);
        try
        {
            var signer = await TransactionSigner.ForNodeAsync(connection.Client, key, ct);
            Transaction transaction;
            try
            {
                transaction = await build(signer, ct);
            }
            catch (ArgumentException ex)
            {
                throw CliException.Usage(ex.Message, ex);
            }

            var response = await Submission.CommitAsync(signer, transaction, ct);
            var token = signIn ? await SignInAsync(connection.Client, key, ct) : null;
            return (transaction, response, connection.Client, connection, token);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A bearer token of the key, so it reads what the node shows it as a party (a pack's history with
    /// who and where); null for a key that may not sign in (a patient's key, with no identity on the
    /// chain), which reads what anyone may.
    /// </summary>
    private static async Task<string?> SignInAsync(CarechainClient client, SigningKey key, CancellationToken ct)
    {
        try
        {
            return (await client.AuthenticateAsync(key, ct)).Token;
        }
        catch (CarechainApiException ex) when (ex.Code == "key_not_active")
        {
            return null;
        }
    }

    /// <summary>Submits, waits, and reports the transaction id and height.</summary>
    public static async Task<int> SubmitAsync(
        CliContext context, string keyFile, string nodeUrl, string? passphraseEnv, Func<TransactionSigner, CancellationToken, Task<Transaction>> build)
    {
        var (transaction, response, _, connection, _) = await CommitAsync(context, keyFile, nodeUrl, passphraseEnv, build);
        using (connection)
        {
            var events = response.Receipt?.Events.Select(e => e.Name).ToArray() ?? [];
            context.Emit(
                new { txId = transaction.Id.ToString(), height = response.Height, events },
                ui => Display.Fields(ui, ("txId", transaction.Id), ("height", response.Height), ("events", string.Join(", ", events))));
            return ExitCodes.Ok;
        }
    }
}
