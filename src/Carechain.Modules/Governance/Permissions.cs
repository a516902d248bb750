using System.Collections.Concurrent;
using Carechain.Core.Crypto;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Checkpoints;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.State;
using Carechain.Modules.Identity;

namespace Carechain.Modules.Governance;

/// <summary>
/// The one place that answers "may this key do this here": which organisation a key acts for,
/// its role, whether it administers an organisation, which keys run nodes. Pure and read-only:
/// it reads the identity and governance namespaces of the state it is given (layered over the
/// genesis document), so every module, the node's API and the offline verifier get the same answer
/// for the same state. Only active keys of current organisations have an organisation or a
/// privileged role; revoked, rotated and removed ones have none.
/// A <see cref="Remembering"/> instance answers each key's standing from the state once and then
/// from memory, for a caller whose state does not change while it asks.
/// </summary>
public sealed class Permissions
{
    private readonly IStateReader _identity;
    private readonly ConsortiumState _consortium;
    private readonly ConcurrentDictionary<Ed25519PublicKey, (OrganisationId? Organisation, string? Role)>? _standings;
    private readonly ConcurrentDictionary<Ed25519PublicKey, bool>? _nodeKeys;

    /// <summary>Permissions over the whole state (the store, say), with every namespace visible.</summary>
    public Permissions(IStateReader state, GenesisDocument genesis)
        : this(new ModuleStateReader(state, IdentityModule.ModuleName), new ModuleStateReader(state, GovernanceModule.ModuleName), genesis)
    {
    }

    private Permissions(IStateReader identity, IStateReader governance, GenesisDocument genesis)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        _identity = identity;
        _consortium = new ConsortiumState(governance, genesis);
    }

    private Permissions(Permissions over)
    {
        _identity = over._identity;
        _consortium = over._consortium;
        _standings = new();
        _nodeKeys = new();
    }

    public GovernancePolicy Policy => _consortium.Policy();

    internal ConsortiumState Consortium => _consortium;

    /// <summary>Permissions from inside a module or guard, through the state view the executor handed it.</summary>
    public static Permissions InModule(IStateReader moduleState, GenesisDocument genesis)
    {
        var view = moduleState as ModuleStateReader
            ?? throw new ArgumentException("Modules receive a ModuleStateReader from the executor", nameof(moduleState));
        return new Permissions(view.ViewOf(IdentityModule.ModuleName), view.ViewOf(GovernanceModule.ModuleName), genesis);
    }

    public static Permissions InModule(IStateReader moduleState, BlockContext block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return InModule(moduleState, block.Genesis);
    }

    /// <summary>
    /// Permissions over the same state that read each key's organisation, role and node-key standing
    /// once and then answer from memory (safe from several threads). Only for a state that does not
    /// change while the instance is used: one transaction's execution by a module that writes neither
    /// identity nor governance, or one committed head.
    /// </summary>
    public Permissions Remembering() => new(this);

    /// <summary>The current organisations, sorted by id.</summary>
    public IReadOnlyList<OrganisationRecord> CurrentOrganisations() =>
        [.. _consortium.CurrentIds().Select(id => _consortium.Organisation(id)!)];

    /// <summary>An organisation, current or removed; null if it never existed.</summary>
    public OrganisationRecord? Organisation(OrganisationId id) => _consortium.Organisation(id);

    public bool IsCurrent(OrganisationId id) => _consortium.Organisation(id)?.IsActive == true;

    /// <summary>The current organisation an active key acts for: as a member, an admin key or a node key.</summary>
    public OrganisationId? OrganisationOf(Ed25519PublicKey key) => Resolve(key).Organisation;

    /// <summary>A key's organisation and role together, for callers that need both (one look-up instead of two).</summary>
    public KeyStanding StandingOf(Ed25519PublicKey key)
    {
        var (organisation, role) = Resolve(key);
        return new KeyStanding(organisation, role);
    }

    /// <summary>The role an active key holds now: its registered role, <c>admin</c> or <c>node</c> for an organisation's own keys, or null.</summary>
    public string? RoleOf(Ed25519PublicKey key) => Resolve(key).Role;

    public bool IsAdminOf(OrganisationId organisation, Ed25519PublicKey key) => AdminOrganisationOf(key) == organisation;

    /// <summary>The current organisation <paramref name="key"/> administers, if any (a key belongs to at most one).</summary>
    public OrganisationId? AdminOrganisationOf(Ed25519PublicKey key)
    {
        var (organisation, role) = Resolve(key);
        return role == IdentityRole.Admin ? organisation : null;
    }

    public bool HasRole(Ed25519PublicKey key, string role) => RoleOf(key) == role;

    /// <summary>The node keys of every current organisation: the keys allowed to run nodes and produce blocks.</summary>
    public IReadOnlyList<Ed25519PublicKey> NodeKeys() => [.. CurrentOrganisations().SelectMany(o => o.Organisation.NodeKeys)];

    /// <summary>The node-set changes governance adopted, lowest height first; empty while the genesis node keys are in force.</summary>
    public IReadOnlyList<NodeSetRecord> NodeSetHistory() => _consortium.NodeSetHistory();

    /// <summary>
    /// The node keys that certify <paramref name="height"/>: those in force after block
    /// <c>height - 1</c> (a block that changes them is still certified by the keys before it). Read
    /// from the history, so any height up to one above the state's own is answered.
    /// </summary>
    public NodeSet NodeSetAt(long height)
    {
        var history = NodeSetHistory();
        for (var i = history.Count - 1; i >= 0; i--)
        {
            if (history[i].Height < height)
            {
                return history[i].NodeSet;
            }
        }

        return new NodeSet(_consortium.Genesis.Producers);
    }

    public bool IsNodeKey(Ed25519PublicKey key) => _nodeKeys is null
        ? ReadIsNodeKey(key)
        : _nodeKeys.TryGetValue(key, out var known) ? known : _nodeKeys[key] = ReadIsNodeKey(key);

    /// <summary>True once a key has an identity or was admitted as an organisation key; such a key is never given to another holder.</summary>
    public bool IsKeyInUse(Ed25519PublicKey key) => IdentityModule.Read(_identity, key) is not null || _consortium.HolderOf(key) is not null;

    private bool ReadIsNodeKey(Ed25519PublicKey key) => _consortium.HolderOf(key) is { } holder
        && _consortium.Organisation(holder) is { IsActive: true } record
        && record.Organisation.NodeKeys.Contains(key);

    private (OrganisationId? Organisation, string? Role) Resolve(Ed25519PublicKey key) => _standings is null
        ? Read(key)
        : _standings.TryGetValue(key, out var known) ? known : _standings[key] = Read(key);

    private (OrganisationId? Organisation, string? Role) Read(Ed25519PublicKey key)
    {
        var record = IdentityModule.Read(_identity, key);
        if (record is not null)
        {
            if (record.Status != KeyStatus.Active)
            {
                return (null, null);
            }

            if (record.Organisation is not { } member)
            {
                return (null, record.Role);
            }

            return IsCurrent(member) ? (member, record.Role) : (null, null);
        }

        if (_consortium.HolderOf(key) is not { } holder || _consortium.Organisation(holder) is not { IsActive: true } organisation)
        {
            return (null, null);
        }

        if (organisation.Organisation.AdminKeys.Contains(key))
        {
            return (holder, IdentityRole.Admin);
        }

        return organisation.Organisation.NodeKeys.Contains(key) ? (holder, IdentityRole.Node) : (null, null);
    }
}
