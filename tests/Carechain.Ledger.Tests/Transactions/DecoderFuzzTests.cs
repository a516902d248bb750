using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Ledger.Blocks;
using Carechain.Ledger.Transactions;
using Carechain.Testing;
using CsCheck;

namespace Carechain.Ledger.Tests.Transactions;

public class DecoderFuzzTests
{
    private static readonly SigningKey Author = SigningKey.FromSeed(Enumerable.Repeat((byte)7, 32).ToArray());

    [Fact]
    public void Transaction_round_trips_byte_for_byte()
    {
        var tx = TestChain.Anchor(Author, 42, "round trip");
        var back = Transaction.Decode(tx.Encoded.Span);
        Assert.Equal(tx.Id, back.Id);
        Assert.True(back.HasValidSignature());
        Assert.Equal(tx.Encoded.ToArray(), back.Encoded.ToArray());
    }

    [Fact]
    public void Random_bytes_only_ever_raise_the_codec_error() =>
        Gen.Byte.Array[0, 600].Sample(bytes => DecodesOrRefuses(bytes), iter: 5_000);

    [Fact]
    public void Mutated_transaction_is_refused_or_fails_its_signature()
    {
        var valid = TestChain.Anchor(Author, 9, "mutate me").Encoded.ToArray();
        Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte, Gen.Int[0, 3]).Sample((position, value, kind) =>
        {
            var mutated = Mutate(valid, position, value, kind);
            if (mutated.AsSpan().SequenceEqual(valid))
            {
                return true;
            }

            try
            {
                return !Transaction.Decode(mutated).HasValidSignature();
            }
            catch (CodecException)
            {
                return true;
            }
        }, iter: 5_000);
    }

    [Fact]
    public void Trailing_byte_after_a_transaction_is_refused()
    {
        var bytes = TestChain.Anchor(Author, 1).Encoded.ToArray();
        var ex = Assert.Throws<CodecException>(() => Transaction.Decode([.. bytes, 0]));
        Assert.Contains("trailing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_transaction_version_is_refused()
    {
        var bytes = TestChain.Anchor(Author, 1).Encoded.ToArray();
        bytes[0] = 2;
        var ex = Assert.Throws<CodecException>(() => Transaction.Decode(bytes));
        Assert.Contains("version", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Oversized_transaction_is_refused_before_decoding()
    {
        var ex = Assert.Throws<CodecException>(() => Transaction.Decode(new byte[TransactionLimits.MaxEncodedBytes + 1]));
        Assert.Contains("above the limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mutated_block_is_refused_or_decodes_to_different_bytes()
    {
        using var dir = new TempDirectory();
        using var chain = TestChain.Create(dir.Path);
        for (ulong n = 1; n <= 3; n++)
        {
            chain.Submit(TestChain.Anchor(Author, n));
        }

        var committed = chain.CommitPending();
        var txs = committed.Receipts.Select(r => chain.Store.ReadTransaction(r.TxId)!.Transaction).ToArray();
        var valid = new Block(committed.Header, txs).Encode();
        Assert.Equal(committed.Header.Hash, Block.Decode(valid).Header.Hash);

        Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte, Gen.Int[0, 3]).Sample((position, value, kind) =>
        {
            var mutated = Mutate(valid, position, value, kind);
            try
            {
                var block = Block.Decode(mutated);
                // Anything that still decodes must be caught by the header signature or a tx signature.
                return mutated.AsSpan().SequenceEqual(valid) || !block.Header.HasValidSignature() || block.Transactions.Any(t => !t.HasValidSignature())
                    || block.Header.Hash != committed.Header.Hash;
            }
            catch (CodecException)
            {
                return true;
            }
        }, iter: 3_000);
    }

    private static bool DecodesOrRefuses(byte[] bytes)
    {
        try
        {
            Transaction.Decode(bytes);
            Block.Decode(bytes);
        }
        catch (CodecException)
        {
        }

        return true;
    }

    /// <summary>Kind 0 flips a byte, 1 inserts one, 2 deletes one, 3 truncates there.</summary>
    private static byte[] Mutate(byte[] valid, int position, byte value, int kind) => kind switch
    {
        0 => valid.Select((b, i) => i == position ? (byte)(b ^ (value | 1)) : b).ToArray(),
        1 => [.. valid.AsSpan(0, position).ToArray(), value, .. valid.AsSpan(position).ToArray()],
        2 => [.. valid.AsSpan(0, position).ToArray(), .. valid.AsSpan(position + 1).ToArray()],
        _ => valid.AsSpan(0, position).ToArray(),
    };
}
