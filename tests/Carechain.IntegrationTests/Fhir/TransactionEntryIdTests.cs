using Carechain.Core.Hashing;
using Carechain.Node.Fhir.Projections;
using CsCheck;

namespace Carechain.IntegrationTests.Fhir;

public sealed class TransactionEntryIdTests
{
    [Fact]
    public void Ids_are_valid_fhir_ids_and_round_trip()
    {
        Gen.Byte.Array[32].Select(Gen.Int[0, 255]).Sample((bytes, index) =>
        {
            var tx = Hash256.Read(bytes);
            var id = TransactionEntryId.Format(tx, index);
            Assert.Matches("^[a-z2-7]{52}-[0-9]{1,3}$", id);
            Assert.True(TransactionEntryId.TryParse(id, out var parsed, out var parsedIndex));
            Assert.Equal((tx, index), (parsed, parsedIndex));
        });
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-01")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-+1")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab-1")]
    [InlineData("Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-1")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1-1")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-1")]
    public void Malformed_or_non_canonical_ids_are_refused(string id) =>
        Assert.False(TransactionEntryId.TryParse(id, out _, out _));

    [Fact]
    public void The_all_zero_transaction_is_all_a()
    {
        Assert.Equal(new string('a', 52) + "-7", TransactionEntryId.Format(Hash256.Read(new byte[32]), 7));
        Assert.True(TransactionEntryId.TryParse(new string('a', 52) + "-0", out _, out _));
    }
}
