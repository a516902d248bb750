using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Core.Merkle;
using Carechain.Ledger.Blocks;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Transactions;

namespace Carechain.Ledger.Genesis;

/// <summary>
/// What a chain is, fixed at its birth: its id, when it began, its founding organisations (with
/// their admin and node keys) and the governance policy. A document that exists obeys the rules:
/// unique organisation ids, no key in two organisations, at least one node key, and a policy whose
/// approval threshold M is between 1 and the number of founding organisations. Its canonical bytes
/// seed the genesis state commitment, so two chains with different genesis documents can never
/// share a block, and every node of a chain reads the same founding set.
/// </summary>
public sealed class GenesisDocument
{
    public const byte FormatVersion = 1;
    public const int MaxOrganisations = 64;

    /// <summary>The single-node dev chain's default proposal lifetime (about a day at one block a second).</summary>
    public const long DevProposalLifetimeBlocks = 86_400;

    private readonly Dictionary<OrganisationId, Organisation> _byId;
    private readonly Dictionary<Ed25519PublicKey, Organisation> _byKey;

    public GenesisDocument(string chainId, long timestampMs, IReadOnlyList<Organisation> organisations, GovernancePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(chainId);
        ArgumentNullException.ThrowIfNull(organisations);
        ArgumentNullException.ThrowIfNull(policy);
        if (chainId.Length == 0 || System.Text.Encoding.UTF8.GetByteCount(chainId) > TransactionLimits.MaxChainIdBytes)
        {
            throw new InvalidGenesisException($"the chain id must be 1 to {TransactionLimits.MaxChainIdBytes} bytes");
        }

        if (timestampMs < 0)
        {
            throw new InvalidGenesisException("the timestamp must not be before 1970");
        }

        if (organisations.Count is 0 or > MaxOrganisations)
        {
            throw new InvalidGenesisException($"a genesis names 1 to {MaxOrganisations} organisations, not {organisations.Count}");
        }

        _byId = [];
        _byKey = [];
        foreach (var organisation in organisations)
        {
            ArgumentNullException.ThrowIfNull(organisation);
            if (!_byId.TryAdd(organisation.Id, organisation))
            {
                throw new InvalidGenesisException($"organisation id '{organisation.Id}' is used twice");
            }

            foreach (var key in organisation.Keys)
            {
                if (!_byKey.TryAdd(key, organisation))
                {
                    throw new InvalidGenesisException($"key {key} belongs to both '{_byKey[key].Id}' and '{organisation.Id}'");
                }
            }
        }

        var problem = policy.Problem(organisations.Count);
        if (problem is not null)
        {
            throw new InvalidGenesisException($"governance: {problem}");
        }

        ChainId = chainId;
        TimestampMs = timestampMs;
        Organisations = [.. organisations];
        Policy = policy;
        Producers = [.. organisations.SelectMany(o => o.NodeKeys)];
        if (Producers.Count == 0)
        {
            throw new InvalidGenesisException("no organisation has a node key, so no one could produce a block");
        }
    }

    public string ChainId { get; }

    public long TimestampMs { get; }

    /// <summary>The founding organisations, in the order the genesis lists them.</summary>
    public IReadOnlyList<Organisation> Organisations { get; }

    public GovernancePolicy Policy { get; }

    /// <summary>The keys allowed to produce blocks: every founding node key, in organisation order.</summary>
    public IReadOnlyList<Ed25519PublicKey> Producers { get; }

    /// <summary>
    /// The chain a lone dev node makes for itself: one organisation "dev", a hospital whose admin and
    /// node key are the node's key, approving its own proposals (M = 1).
    /// </summary>
    public static GenesisDocument SingleNode(string chainId, long timestampMs, Ed25519PublicKey nodeKey) =>
        new(
            chainId,
            timestampMs,
            [new Organisation(OrganisationId.Parse("dev"), "Dev node", OrganisationKind.Hospital, [nodeKey], [nodeKey])],
            new GovernancePolicy(1, DevProposalLifetimeBlocks));

    public Organisation? FindOrganisation(OrganisationId id) => _byId.GetValueOrDefault(id);

    /// <summary>The founding organisation holding <paramref name="key"/> as an admin or node key.</summary>
    public Organisation? OrganisationOfKey(Ed25519PublicKey key) => _byKey.GetValueOrDefault(key);

    public byte[] Encode()
    {
        var writer = new CanonicalWriter(256);
        writer.Byte(FormatVersion).Text(ChainId).VarUInt((ulong)TimestampMs).VarUInt((ulong)Organisations.Count);
        foreach (var organisation in Organisations)
        {
            organisation.WriteTo(writer);
        }

        writer.VarUInt((ulong)Policy.Approvals).VarUInt((ulong)Policy.ProposalLifetimeBlocks);
        return writer.ToArray();
    }

    /// <summary>Decodes canonical genesis bytes; anything else, including a broken rule, is a <see cref="CodecException"/>.</summary>
    public static GenesisDocument Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        reader.Version("genesis document", FormatVersion);
        var chainId = reader.Text(TransactionLimits.MaxChainIdBytes, "chain id");
        var timestamp = (long)reader.VarUInt(long.MaxValue, "timestamp");
        var organisations = new Organisation[reader.Length(MaxOrganisations, "organisation list")];
        for (var i = 0; i < organisations.Length; i++)
        {
            organisations[i] = Organisation.Read(ref reader);
        }

        var approvals = (int)reader.VarUInt(MaxOrganisations, "approvals");
        var lifetime = (long)reader.VarUInt(GovernancePolicy.MaxProposalLifetimeBlocks, "proposal lifetime");
        reader.End("genesis document");
        try
        {
            return new GenesisDocument(chainId, timestamp, organisations, new GovernancePolicy(approvals, lifetime));
        }
        catch (InvalidGenesisException ex)
        {
            throw new CodecException(ex.Message, ex);
        }
    }

    /// <summary>The height-0 header: no transactions, an empty log, the genesis commitment.</summary>
    public BlockHeader UnsignedGenesisHeader(Ed25519PublicKey producer) => new()
    {
        Height = 0,
        PreviousHash = Hash256.Zero,
        TimestampMs = TimestampMs,
        TxCount = 0,
        TxRoot = MerkleHash.EmptyRoot,
        LogRoot = MerkleHash.EmptyRoot,
        LogSize = 0,
        StateCommitment = StateCommitment.Genesis(Encode()),
        Producer = producer,
    };
}
