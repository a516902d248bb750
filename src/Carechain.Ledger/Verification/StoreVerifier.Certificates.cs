using Carechain.Core.Hashing;
using Carechain.Ledger.Checkpoints;
using Carechain.Ledger.Storage;

namespace Carechain.Ledger.Verification;

public sealed partial class StoreVerifier
{
    /// <summary>
    /// Every stored checkpoint certificate must be filed under its own height, state exactly the
    /// replayed block at that height, and carry only valid signatures by distinct keys. Which keys
    /// were node keys at the time is the node's check when it stored the certificate (keys change by
    /// governance); a certificate that does not match its block is damage all the same.
    /// </summary>
    private static void CheckCertificates(LedgerStore store, long headHeight)
    {
        var chainId = store.ReadGenesis()!.ChainId;
        foreach (var (key, value) in store.ScanFamily(ColumnFamily.Certificates))
        {
            var height = key.Length == 8 ? StoreKeys.ReadHeight(key) : -1;
            var certificate = CheckpointCertificate.Decode(value);
            if (height < 0 || height > headHeight || certificate.Statement.Height != height)
            {
                throw new StoreDamage(headHeight, $"a checkpoint certificate is filed under height {height} but states height {certificate.Statement.Height}");
            }

            if (!certificate.Statement.States(chainId, store.ReadBlock(height)!.Header))
            {
                throw new StoreDamage(height, $"the checkpoint certificate of height {height} does not state the stored block {height}");
            }

            var message = certificate.Statement.SignedBytes();
            var signers = certificate.Signatures.Select(s => s.Signer).Distinct().Count();
            if (signers != certificate.Signatures.Count
                || certificate.Signatures.Any(s => !s.Signer.Verify(DomainTag.Checkpoint, message, s.Signature)))
            {
                throw new StoreDamage(height, $"the checkpoint certificate of height {height} carries a duplicate or invalid signature");
            }
        }
    }
}
