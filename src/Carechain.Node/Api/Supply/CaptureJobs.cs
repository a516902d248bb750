using System.Text.Json;
using Carechain.Core.Hashing;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Transactions;
using Carechain.Node.Hosting;

namespace Carechain.Node.Api.Supply;

/// <summary>
/// EPCIS capture jobs, kept so a client can poll <c>GET /epcis/capture/{captureID}</c>: each job
/// is a small file under the node's data folder (written to a temporary name, flushed, then
/// renamed, so a crash leaves either the whole job or none) naming its transactions and what
/// admission answered. Its state is read from the chain's receipts at each poll, so it survives a
/// restart and needs no updating.
/// </summary>
internal sealed class CaptureJobs(NodeRuntime node)
{
    private readonly string _folder = Path.Combine(node.DataDirectory, "epcis-captures");

    public void Save(CaptureJob job)
    {
        Directory.CreateDirectory(_folder);
        var path = PathOf(job.CaptureId);
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(file, job, JsonSerializerOptions.Web);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The job, or null when this node never took a capture with that id.</summary>
    public CaptureJob? Read(Hash256 captureId)
    {
        var path = PathOf(captureId.ToString());
        if (!File.Exists(path))
        {
            return null;
        }

        using var file = File.OpenRead(path);
        return JsonSerializer.Deserialize<CaptureJob>(file, JsonSerializerOptions.Web);
    }

    /// <summary>The job's state now: running while any admitted transaction awaits its block, failed once any was refused or failed.</summary>
    public CaptureJobStatus StatusOf(CaptureJob job)
    {
        var errors = new List<CaptureJobError>();
        var running = false;
        long? finishedAt = null;
        foreach (var item in job.Transactions)
        {
            if (item.AdmissionError is { } refused)
            {
                errors.Add(new CaptureJobError(item.TxId, refused, item.EventId));
                continue;
            }

            var receipt = TxId.TryParse(item.TxId, out var id) ? node.Store.ReadReceipt(id) : null;
            if (receipt is null)
            {
                running = true;
            }
            else
            {
                finishedAt = Math.Max(finishedAt ?? 0, node.Store.ReadBlock(receipt.Height)?.Header.TimestampMs ?? 0);
                if (receipt.Status != ReceiptStatus.Success)
                {
                    errors.Add(new CaptureJobError(item.TxId, receipt.ErrorCode, item.EventId));
                }
            }
        }

        return new CaptureJobStatus(running, !running && errors.Count == 0, running ? null : finishedAt, errors);
    }

    private string PathOf(string captureId) => Path.Combine(_folder, captureId + ".json");
}
