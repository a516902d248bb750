using Carechain.Client;
using Carechain.Client.Contracts;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Checkpoints;
using Carechain.Modules.Governance;
using Carechain.Testing;

namespace Carechain.IntegrationTests.Consortium;

/// <summary>
/// Governance changes the node keys on three real members; certificates of later heights are still
/// checked offline with the genesis file alone, through the certified changes each certificate carries.
/// </summary>
public sealed class NodeSetChangeTests
{
    [Fact]
    public async Task After_governance_adds_and_removes_node_keys_a_later_certificate_verifies_offline_with_only_the_genesis()
    {
        await using var cluster = new ConsortiumCluster();
        await cluster.StartAllAsync();
        await cluster.WaitForLeaderAsync();
        using var admin1 = cluster.NodeKey(0);
        using var admin2 = cluster.NodeKey(1);
        using var removed = cluster.NodeKey(2);
        using var added = SigningKey.Generate();
        var node = cluster.Clients[0];

        // Org 1 gets a second node key; then org 3's node key is removed. Two of three admins adopt each.
        var grown = await AdoptAsync(node, admin1, admin2, new AddNodeKeyAction(Ledger.Genesis.OrganisationId.Parse("org1"), added.PublicKey));
        var shrunk = await AdoptAsync(node, admin1, admin2, new RemoveNodeKeyAction(Ledger.Genesis.OrganisationId.Parse("org3"), removed.PublicKey));
        using var author = SigningKey.Generate();
        var anchored = await node.SubmitTransactionAsync(TestChain.Anchor(author, 1, "later", ConsortiumCluster.ChainId), waitForCommit: true, ConsortiumCluster.Generous);
        var later = anchored.Height!.Value;
        await cluster.WaitForAgreementAsync(later);

        var certificate = await WaitForCertificateAsync(node, later, changes: 2);

        Assert.Equal([grown, shrunk], certificate.NodeSetChanges!.Select(c => c.Certificate.Height));
        var verdict = OfflineProofVerifier.VerifyCertificate(certificate, cluster.Genesis);
        Assert.True(verdict.IsValid, verdict.Reason);
        var status = await node.GetCertificationStatusAsync();
        Assert.Equal((3, 2), (status.NodeKeys, status.Quorum));

        // The added key is a node key for that height: members take its attestation, and a certificate
        // it signs with one founding key holds offline, but only through the changes.
        Assert.True(ContractMapping.TryParse(certificate, out var parsed, out var error), error);
        var attestation = CheckpointAttestation.Sign(parsed.Statement, added);
        await node.ExchangeAttestationsAsync(new AttestationBatchDto([ContractMapping.ToDto(attestation)]));
        var withAdded = Resigned(certificate, parsed.Statement, admin2, added);
        Assert.True(OfflineProofVerifier.VerifyCertificate(withAdded, cluster.Genesis).IsValid);
        Assert.Equal(ProofFailure.CertificateRefused, OfflineProofVerifier.VerifyCertificate(withAdded with { NodeSetChanges = null }, cluster.Genesis).Failure);

        // The removed key, with a founding key, was a genesis majority; after its removal it certifies nothing.
        var withRemoved = OfflineProofVerifier.VerifyCertificate(Resigned(certificate, parsed.Statement, admin2, removed), cluster.Genesis);
        Assert.Equal(ProofFailure.CertificateRefused, withRemoved.Failure);
        Assert.Contains($"signer {removed.PublicKey} is not a node key", withRemoved.Reason, StringComparison.Ordinal);
        var refused = await Assert.ThrowsAsync<CarechainApiException>(
            () => node.ExchangeAttestationsAsync(new AttestationBatchDto([ContractMapping.ToDto(CheckpointAttestation.Sign(parsed.Statement, removed))])));
        Assert.Equal("attestation_refused", refused.Code);
    }

    /// <summary>Proposes <paramref name="action"/> as org 1's admin and approves it as org 2's; returns the height that adopted it.</summary>
    private static async Task<long> AdoptAsync(CarechainClient node, SigningKey proposer, SigningKey approver, ProposalAction action)
    {
        var (proposal, _) = await ConsortiumCalls.SubmitAsync(node, proposer, GovernanceModule.ModuleName, GovernancePayloads.Propose, GovernancePayloads.EncodePropose(action));
        var (_, adopted) = await ConsortiumCalls.SubmitAsync(
            node, approver, GovernanceModule.ModuleName, GovernancePayloads.Approve, GovernancePayloads.EncodeApprove(Hash256.Parse(proposal)));
        return adopted;
    }

    private static CheckpointCertificateDto Resigned(CheckpointCertificateDto served, CheckpointStatement statement, params SigningKey[] signers) =>
        ContractMapping.ToDto(
            new CheckpointCertificate(statement, [.. signers.Select(k => CheckpointAttestation.Sign(statement, k)).Select(a => new CheckpointSignature(a.Signer, a.Signature))]),
            [.. served.NodeSetChanges!.Select(Change)]);

    private static NodeSetChange Change(NodeSetChangeDto dto)
    {
        Assert.True(ContractMapping.TryParse(dto.Certificate, out var certificate, out var error), error);
        return new NodeSetChange(certificate, new NodeSet(dto.NodeKeys.Select(Ed25519PublicKey.Parse)));
    }

    /// <summary>
    /// The certificate of <paramref name="height"/> once this member also holds the certificates of the
    /// first <paramref name="changes"/> node-set changes: attestations arrive in any order, so a later
    /// block can be certified here before a change block is, and until then the chain served is incomplete.
    /// </summary>
    private static async Task<CheckpointCertificateDto> WaitForCertificateAsync(CarechainClient client, long height, int changes)
    {
        using var cts = new CancellationTokenSource(ConsortiumCluster.Generous);
        while (true)
        {
            try
            {
                var certificate = await client.GetCertifiedCheckpointAsync(height, cts.Token);
                if (certificate.NodeSetChanges?.Count >= changes)
                {
                    return certificate;
                }
            }
            catch (CarechainApiException ex) when (ex.Code == "not_found")
            {
                // Not certified here yet.
            }

            await Task.Delay(50, cts.Token);
        }
    }
}
