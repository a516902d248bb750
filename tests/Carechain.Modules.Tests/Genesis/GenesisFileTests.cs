using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Ledger.Genesis;
using CsCheck;

namespace Carechain.Modules.Tests.Genesis;

public sealed class GenesisFileTests
{
    private static readonly Ed25519PublicKey[] Keys = [.. Enumerable.Range(1, 16).Select(i =>
    {
        using var key = SigningKey.FromSeed(Enumerable.Repeat((byte)i, 32).ToArray());
        return key.PublicKey;
    })];

    private static GenesisDocument Sample(int approvals = 2) => new(
        "carechain-test",
        1_767_225_600_000,
        [
            new Organisation(OrganisationId.Parse("st-marys"), "St Mary's Hospital", OrganisationKind.Hospital, [Keys[0]], [Keys[1], Keys[2]]),
            new Organisation(OrganisationId.Parse("city-pharmacy"), "City Pharmacy", OrganisationKind.Pharmacy, [Keys[3], Keys[4]], [Keys[5]]),
            new Organisation(OrganisationId.Parse("regulator"), "Medicines Agency", OrganisationKind.Regulator, [Keys[6]], []),
        ],
        new GovernancePolicy(approvals, 500));

    [Fact]
    public void Genesis_file_round_trips_to_the_same_canonical_bytes()
    {
        var genesis = Sample();

        var parsed = GenesisFile.Parse(GenesisFile.Write(genesis));

        Assert.Equal(genesis.Encode(), parsed.Encode());
        Assert.Equal(genesis.Encode(), GenesisDocument.Decode(genesis.Encode()).Encode());
    }

    [Fact]
    public void Producers_are_every_node_key_in_organisation_order()
    {
        Assert.Equal([Keys[1], Keys[2], Keys[5]], Sample().Producers);
    }

    [Fact]
    public void Any_valid_genesis_round_trips_through_json_and_bytes()
    {
        var organisations = Gen.Select(Gen.Int[0, 7], Gen.Int[1, 2], Gen.Int[0, 2]).Array[1, 4];
        Gen.Select(organisations, Gen.Int[1, 4], Gen.Long[1, GovernancePolicy.MaxProposalLifetimeBlocks], Gen.Long[0, long.MaxValue]).Sample((orgs, m, lifetime, timestamp) =>
        {
            var next = 0;
            var list = orgs.Select((o, i) => new Organisation(
                OrganisationId.Parse($"org-{i}"), $"Organisation {i}", (OrganisationKind)o.Item1,
                [.. Enumerable.Range(0, o.Item2).Select(_ => Keys[next++])], [.. Enumerable.Range(0, o.Item3).Select(_ => Keys[next++])])).ToArray();
            if (list.Sum(o => o.NodeKeys.Count) == 0 || m > list.Length)
            {
                return;
            }

            var genesis = new GenesisDocument("chain-x", timestamp, list, new GovernancePolicy(m, lifetime));
            Assert.Equal(genesis.Encode(), GenesisFile.Parse(GenesisFile.Write(genesis)).Encode());
            Assert.Equal(genesis.Encode(), GenesisDocument.Decode(genesis.Encode()).Encode());
        });
    }

    [Theory]
    [InlineData("\"kind\": \"hospital\"", "\"kind\": \"spa\"", "organisations[0].kind 'spa' is not one of hospital, clinic")]
    [InlineData("\"kind\": \"hospital\"", "\"kind\": \"Hospital\"", "is not one of")]
    [InlineData("\"name\": \"City Pharmacy\",", "\"name\": \"City Pharmacy\", \"name\": \"Other\",", "not valid JSON")]
    [InlineData("\"approvals\": 2", "\"approvals\": 4", "approvals must be between 1 and the number of organisations (3)")]
    [InlineData("\"approvals\": 2", "\"approvals\": 0", "approvals must be between 1")]
    [InlineData("\"proposalLifetimeBlocks\": 500", "\"proposalLifetimeBlocks\": 0", "proposal lifetime")]
    [InlineData("\"id\": \"city-pharmacy\"", "\"id\": \"st-marys\"", "organisation id 'st-marys' is used twice")]
    [InlineData("\"id\": \"city-pharmacy\"", "\"id\": \"City\"", "organisations[1].id 'City' is not an organisation id")]
    [InlineData("\"version\": 1", "\"version\": 2", "unsupported genesis version 2")]
    [InlineData("\"chainId\"", "\"chainID\"", "unknown field 'chainID'")]
    [InlineData("\"timestampMs\"", "\"timestamp\"", "unknown field 'timestamp'")]
    [InlineData("\"timestampMs\": 1767225600000", "\"timestampMs\": -1", "timestampMs must be a whole number")]
    [InlineData("\"format\": \"carechain-genesis\"", "\"format\": \"carechain-keystore\"", "genesis.format must be")]
    public void A_bad_genesis_file_is_refused_with_a_one_line_error_naming_the_problem(string find, string replace, string expected)
    {
        var json = GenesisFile.Write(Sample());
        Assert.Contains(find, json, StringComparison.Ordinal);

        var error = Assert.Throws<InvalidGenesisException>(() => GenesisFile.Parse(ReplaceFirst(json, find, replace)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Bad_hex_in_a_key_is_refused_naming_the_key()
    {
        var json = GenesisFile.Write(Sample());
        var hex = Keys[5].ToString();

        var notHex = Assert.Throws<InvalidGenesisException>(() => GenesisFile.Parse(json.Replace(hex, "zz" + hex[2..], StringComparison.Ordinal)));
        var upper = Assert.Throws<InvalidGenesisException>(() => GenesisFile.Parse(json.Replace(hex, hex.ToUpperInvariant(), StringComparison.Ordinal)));
        var shortKey = Assert.Throws<InvalidGenesisException>(() => GenesisFile.Parse(json.Replace(hex, hex[..62], StringComparison.Ordinal)));

        Assert.Contains("organisations[1].nodeKeys[0] is not a public key", notHex.Message, StringComparison.Ordinal);
        Assert.Contains("is not a public key", upper.Message, StringComparison.Ordinal);
        Assert.Contains("is not a public key", shortKey.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_in_two_organisations_is_refused()
    {
        var json = GenesisFile.Write(Sample());

        var error = Assert.Throws<InvalidGenesisException>(() => GenesisFile.Parse(json.Replace(Keys[5].ToString(), Keys[0].ToString(), StringComparison.Ordinal)));

        Assert.Contains($"key {Keys[0]} belongs to both 'st-marys' and 'city-pharmacy'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_listed_twice_in_one_organisation_is_refused()
    {
        var json = GenesisFile.Write(Sample());

        var error = Assert.Throws<InvalidGenesisException>(() => GenesisFile.Parse(json.Replace(Keys[2].ToString(), Keys[1].ToString(), StringComparison.Ordinal)));

        Assert.Contains("a key is listed twice", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{")]
    [InlineData("{\"format\":\"carechain-genesis\",\"version\":1}")]
    [InlineData("{\"format\":\"carechain-genesis\",\"version\":1,\"chainId\":\"x\",\"timestampMs\":0,\"organisations\":[],\"governance\":{\"approvals\":1,\"proposalLifetimeBlocks\":1}}")]
    public void Malformed_json_is_refused_with_invalid_genesis_and_nothing_else(string json)
    {
        var error = Assert.Throws<InvalidGenesisException>(() => GenesisFile.Parse(json));

        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_genesis_without_any_node_key_is_refused()
    {
        var error = Assert.Throws<InvalidGenesisException>(() => new GenesisDocument(
            "c", 0, [new Organisation(OrganisationId.Parse("a"), "A", OrganisationKind.Insurer, [Keys[0]], [])], new GovernancePolicy(1, 1)));

        Assert.Contains("no organisation has a node key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Canonical_bytes_that_break_a_rule_do_not_decode()
    {
        var bytes = Sample(approvals: 3).Encode();
        bytes[^3] = 4; // approvals: the varint before the two-byte lifetime

        var error = Assert.Throws<CodecException>(() => GenesisDocument.Decode(bytes));

        Assert.Contains("approvals must be between 1 and the number of organisations", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_dev_genesis_is_one_hospital_whose_admin_and_node_key_is_the_node_key()
    {
        var genesis = GenesisDocument.SingleNode("carechain-dev", 5, Keys[0]);

        var dev = Assert.Single(genesis.Organisations);
        Assert.Equal("dev", dev.Id.Value);
        Assert.Equal(OrganisationKind.Hospital, dev.Kind);
        Assert.Equal([Keys[0]], dev.AdminKeys);
        Assert.Equal([Keys[0]], dev.NodeKeys);
        Assert.Equal([Keys[0]], genesis.Producers);
        Assert.Equal(1, genesis.Policy.Approvals);
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        return text[..at] + replace + text[(at + find.Length)..];
    }
}
