using Carechain.Client;
using Carechain.Client.Contracts;
using Carechain.Ledger.Transactions;

namespace Carechain.Cli;

/// <summary>
/// Submits a signed transaction and waits for its block. Returns only when it committed and succeeded;
/// every other outcome (refused, timed out, committed but rejected) becomes a <see cref="CliException"/>
/// naming the transaction id, so the user can look it up later.
/// </summary>
internal static class Submission
{
    public const string CommittedStatus = "committed";
    public const string SuccessReceipt = "success";

    public static async Task<SubmitTransactionResponse> CommitAsync(TransactionSigner signer, Transaction transaction, CancellationToken cancellationToken)
    {
        var response = await SubmitAsync(signer, transaction, cancellationToken);
        if (response.Receipt is { } receipt && !Succeeded(receipt))
        {
            var code = string.IsNullOrEmpty(receipt.ErrorCode) ? receipt.Status : receipt.ErrorCode;
            throw CliException.Failed(code, $"transaction {transaction.Id} was committed at height {response.Height} but rejected: {code}");
        }

        return response;
    }

    /// <summary>Like <see cref="CommitAsync"/>, but a committed-and-rejected answer is returned for the caller to explain.</summary>
    public static async Task<SubmitTransactionResponse> SubmitAsync(TransactionSigner signer, Transaction transaction, CancellationToken cancellationToken)
    {
        SubmitTransactionResponse response;
        try
        {
            response = await signer.SubmitAsync(transaction, waitForCommit: true, NodeConnection.CommitWait, cancellationToken);
        }
        catch (CarechainApiException ex) when (ex.Code == "commit_timeout")
        {
            throw CliException.Failed(
                ex.Code,
                $"transaction {transaction.Id} was accepted but not committed within {NodeConnection.CommitWait.TotalSeconds:0} s; check it later with 'carechain tx show {transaction.Id}'");
        }

        if (response.Status != CommittedStatus || response.Height is null || response.Receipt is null)
        {
            throw CliException.Failed(
                "not_committed",
                $"the node answered '{CliText.OneLine(response.Status)}' without a block for transaction {transaction.Id}; check it later with 'carechain tx show {transaction.Id}'");
        }

        return response;
    }

    public static bool Succeeded(ReceiptDto receipt) =>
        string.Equals(receipt.Status, SuccessReceipt, StringComparison.OrdinalIgnoreCase);
}
