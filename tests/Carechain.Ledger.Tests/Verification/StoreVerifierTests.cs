using Carechain.Core.Crypto;
using Carechain.Ledger.Checkpoints;
using Carechain.Ledger.Storage;
using Carechain.Ledger.Verification;
using Carechain.Modules;
using Carechain.Modules.Identity;
using Carechain.Testing;
using RocksDbSharp;

namespace Carechain.Ledger.Tests.Verification;

public class StoreVerifierTests
{
    private readonly StoreVerifier _verifier = new(ChainModules.Create());

    [Fact]
    public void Intact_store_verifies()
    {
        using var dir = new TempDirectory();
        BuildChain(dir.Path, blocks: 12);

        var report = _verifier.Verify(dir.Path);

        Assert.True(report.Intact, report.OneLine());
        Assert.Equal(13, report.BlocksChecked);
        Assert.StartsWith("ok:", report.OneLine(), StringComparison.Ordinal);
    }

    [Fact]
    public void Altered_state_value_is_reported_at_the_block_that_wrote_it()
    {
        using var dir = new TempDirectory();
        BuildChain(dir.Path, blocks: 6);
        var key = FirstStateKey(dir.Path, "notary/h/");
        RawWrite(dir.Path, ColumnFamily.State, key, [1, 2, 3]);

        var report = _verifier.Verify(dir.Path);

        Assert.False(report.Intact);
        Assert.NotNull(report.FirstBadHeight);
        Assert.Contains("state", report.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Deleted_receipt_is_reported_at_its_block()
    {
        using var dir = new TempDirectory();
        BuildChain(dir.Path, blocks: 5);
        byte[] txKey;
        using (var store = LedgerStore.OpenReadOnly(dir.Path))
        {
            txKey = store.ReadBlock(3)!.TxIds[0].Hash.ToArray();
        }

        RawDelete(dir.Path, ColumnFamily.Receipts, txKey);
        var report = _verifier.Verify(dir.Path);

        Assert.False(report.Intact);
        Assert.Equal(3, report.FirstBadHeight);
    }

    [Fact]
    public void Extra_state_entry_is_reported()
    {
        using var dir = new TempDirectory();
        BuildChain(dir.Path, blocks: 4);
        RawWrite(dir.Path, ColumnFamily.State, "notary/h/forged"u8.ToArray(), [9]);

        var report = _verifier.Verify(dir.Path);

        Assert.False(report.Intact);
    }

    [Fact]
    public void A_stored_certificate_is_checked_against_its_block()
    {
        using var dir = new TempDirectory();
        BuildChain(dir.Path, blocks: 4);
        using var signer = SigningKey.Generate();
        CheckpointStatement statement;
        using (var store = LedgerStore.Open(dir.Path))
        {
            statement = CheckpointStatement.Of(store.ReadGenesis()!.ChainId, store.ReadBlock(3)!.Header, new NodeSet(store.ReadGenesis()!.Producers));
            store.PutCertificate(Certificate(statement, signer));
        }

        Assert.True(_verifier.Verify(dir.Path).Intact);

        using (var store = LedgerStore.Open(dir.Path))
        {
            store.PutCertificate(Certificate(statement with { StateCommitment = statement.LogRoot }, signer));
        }

        var report = _verifier.Verify(dir.Path);
        Assert.False(report.Intact);
        Assert.Equal(3, report.FirstBadHeight);
        Assert.Contains("certificate", report.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_store_is_reported_not_thrown()
    {
        using var dir = new TempDirectory();
        var report = _verifier.Verify(dir.File("nothing-here"));
        Assert.False(report.Intact);
        Assert.StartsWith("damaged:", report.OneLine(), StringComparison.Ordinal);
    }

    [Fact]
    public void Random_byte_flips_in_store_files_are_always_reported_as_damage()
    {
        using var pristine = new TempDirectory();
        BuildChain(pristine.Path, blocks: 20);
        var files = DataFiles(pristine.Path);
        Assert.Contains(files, f => f.EndsWith(".sst", StringComparison.Ordinal));
        var random = new Random(20261125);
        for (var round = 0; round < 40; round++)
        {
            using var copy = new TempDirectory();
            CopyDirectory(pristine.Path, copy.Path);
            var file = Path.Combine(copy.Path, Path.GetFileName(files[random.Next(files.Count)]));
            var bytes = File.ReadAllBytes(file);
            var position = random.Next(bytes.Length);
            bytes[position] ^= (byte)(1 << random.Next(8));
            File.WriteAllBytes(file, bytes);

            var report = _verifier.Verify(copy.Path);

            Assert.False(report.Intact, $"round {round}: flipping byte {position} of {Path.GetFileName(file)} went unnoticed");
        }
    }

    [Fact]
    public void Torn_log_tail_left_by_a_crash_is_reported_with_how_to_recover()
    {
        using var dir = new TempDirectory();
        using var crashed = new TempDirectory();
        using (var chain = TestChain.Create(dir.Path))
        {
            using var author = SigningKey.Generate();
            for (ulong n = 1; n <= 3; n++)
            {
                chain.Submit(TestChain.Anchor(author, n));
                chain.CommitPending();
            }

            // Copy while the store is open: the blocks are only in the write-ahead log, as at a crash.
            CopyDirectory(dir.Path, crashed.Path);
        }

        var log = Directory.GetFiles(crashed.Path, "*.log").Single(f => new FileInfo(f).Length > 0);
        using (var stream = new FileStream(log, FileMode.Open))
        {
            stream.SetLength(stream.Length - 7);
        }

        var report = _verifier.Verify(crashed.Path);

        Assert.False(report.Intact);
        Assert.Contains("torn record", report.Reason, StringComparison.Ordinal);
    }

    /// <summary>Files that hold ledger data: table files, the manifest, CURRENT and write-ahead logs.</summary>
    internal static List<string> DataFiles(string path) =>
        Directory.GetFiles(path)
            .Where(f => Path.GetFileName(f) is var n && (n.EndsWith(".sst", StringComparison.Ordinal) || n.StartsWith("MANIFEST-", StringComparison.Ordinal) || n == "CURRENT" || (n.EndsWith(".log", StringComparison.Ordinal) && new FileInfo(f).Length > 0)))
            .ToList();

    private static CheckpointCertificate Certificate(CheckpointStatement statement, SigningKey signer)
    {
        var attestation = CheckpointAttestation.Sign(statement, signer);
        return new(statement, [new CheckpointSignature(attestation.Signer, attestation.Signature)]);
    }

    private static void BuildChain(string path, int blocks)
    {
        using var chain = TestChain.Create(path);
        using var author = SigningKey.Generate();
        ulong nonce = 0;
        chain.Submit(Carechain.Ledger.Transactions.Transaction.Create(author, TestChain.ChainId, ++nonce, IdentityModule.ModuleName, IdentityPayloads.Register, IdentityPayloads.EncodeRegister("Auditor test", IdentityRole.Member)));
        for (var b = 0; b < blocks; b++)
        {
            for (var i = 0; i < 5; i++)
            {
                chain.Submit(TestChain.Anchor(author, ++nonce));
            }

            chain.CommitPending();
        }
    }

    private static byte[] FirstStateKey(string path, string prefix)
    {
        using var store = LedgerStore.OpenReadOnly(path);
        return store.ScanFamily(ColumnFamily.State).First(e => System.Text.Encoding.ASCII.GetString(e.Key).StartsWith(prefix, StringComparison.Ordinal)).Key;
    }

    private static void RawWrite(string path, string family, byte[] key, byte[] value) =>
        WithRawDb(path, (db, cf) => db.Put(key, value, cf), family);

    private static void RawDelete(string path, string family, byte[] key) =>
        WithRawDb(path, (db, cf) => db.Remove(key, cf), family);

    private static void WithRawDb(string path, Action<RocksDb, ColumnFamilyHandle> action, string family = ColumnFamily.State)
    {
        var families = new ColumnFamilies();
        foreach (var name in ColumnFamily.All)
        {
            families.Add(name, new ColumnFamilyOptions());
        }

        using var db = RocksDb.Open(new DbOptions(), path, families);
        action(db, db.GetColumnFamily(family));
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
