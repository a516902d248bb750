using Carechain.Core.Crypto;
using Carechain.Ledger.State;
using Carechain.Ledger.Storage;
using Carechain.Ledger.Verification;
using Carechain.Testing;

namespace Carechain.Ledger.Tests.Storage;

public class StateIndexTests
{
    [Fact]
    public void An_index_follows_every_committed_block_including_changed_entries()
    {
        using var dir = new TempDirectory();
        using var chain = TestChain.Create(dir.Path);
        var index = new NonceIndex();
        chain.Store.AttachIndex(index);
        using var alice = SigningKey.Generate();
        using var bob = SigningKey.Generate();
        for (ulong n = 1; n <= 5; n++)
        {
            chain.Submit(TestChain.Anchor(alice, n));
            if (n % 2 == 1)
            {
                chain.Submit(TestChain.Anchor(bob, (n / 2) + 1));
            }

            chain.CommitPending();
            Assert.Equal(Expected(chain.Store), Entries(chain.Store, index));
        }

        // The nonce entry's index key moves with its value: one key per author, never a stale one.
        Assert.Equal(2, Entries(chain.Store, index).Count);
    }

    [Fact]
    public void An_index_attached_to_an_existing_store_is_built_from_its_state_and_kept_across_restarts()
    {
        using var dir = new TempDirectory();
        var chain = TestChain.Create(dir.Path);
        using var author = SigningKey.Generate();
        chain.Submit(TestChain.Anchor(author, 1));
        chain.CommitPending();

        chain = chain.Reopen();
        chain.Store.AttachIndex(new NonceIndex());
        Assert.Equal(Expected(chain.Store), Entries(chain.Store, new NonceIndex()));
        chain.Submit(TestChain.Anchor(author, 2));
        chain.CommitPending();

        chain = chain.Reopen();
        using (chain)
        {
            var index = new NonceIndex();
            chain.Store.AttachIndex(index);
            Assert.Equal(0, index.Derived); // built before: not rebuilt
            Assert.Equal(Expected(chain.Store), Entries(chain.Store, index));
            chain.Submit(TestChain.Anchor(author, 3));
            chain.CommitPending();
            Assert.Equal(Expected(chain.Store), Entries(chain.Store, index));
        }

        var report = new StoreVerifier(Modules.ChainModules.Create()).Verify(dir.Path);
        Assert.True(report.Intact, report.Reason);
    }

    [Fact]
    public void Index_names_are_checked_and_attached_once()
    {
        using var dir = new TempDirectory();
        using var chain = TestChain.Create(dir.Path);
        chain.Store.AttachIndex(new NonceIndex());
        Assert.Throws<InvalidOperationException>(() => chain.Store.AttachIndex(new NonceIndex()));
        Assert.Throws<ArgumentException>(() => chain.Store.AttachIndex(new NonceIndex("bad/name")));
    }

    private static List<string> Entries(LedgerStore store, NonceIndex index) =>
        [.. store.ScanIndex(index, [], null, 1_000).Select(Convert.ToHexString)];

    /// <summary>What the index should hold: derived straight from the state.</summary>
    private static List<string> Expected(LedgerStore store)
    {
        var prefix = NonceIndex.Source;
        return [.. store.ScanState(prefix, null, 1_000)
            .Select(e => Convert.ToHexString([.. e.Value, .. e.Key.AsSpan(prefix.Length)]))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Ledger nonces by value then author: a nonce's key changes with every transaction of its author.</summary>
    private sealed class NonceIndex(string name = "nonces") : IStateIndex
    {
        public static readonly byte[] Source = StateKeys.Full(StateKeys.LedgerNamespace, "n/"u8);

        public int Derived { get; private set; }

        public string Name => name;

        public byte[] SourcePrefix => Source;

        public IReadOnlyList<byte[]> KeysFor(ReadOnlySpan<byte> stateKey, ReadOnlySpan<byte> value)
        {
            Derived++;
            return [[.. value, .. stateKey[Source.Length..]]];
        }
    }
}
