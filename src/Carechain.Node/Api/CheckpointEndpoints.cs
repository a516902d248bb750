using System.Globalization;
using Carechain.Client;
using Carechain.Client.Contracts;
using Carechain.Ledger.Checkpoints;
using Carechain.Node.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Carechain.Node.Api;

/// <summary>
/// Checkpoint certificates: members exchange attestations, and every member serves the certificates
/// it holds and how its certification goes. A dev node certifies nothing.
/// </summary>
internal static class CheckpointEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/checkpoints/attestations", ExchangeAsync).WithName("ExchangeAttestations").Produces<AttestationBatchDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/checkpoints/certified/latest", (NodeRuntime node) => Certificate(node, null))
            .WithName("GetLatestCertificate").Produces<CheckpointCertificateDto>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/checkpoints/certified/{height}", GetCertificate)
            .WithName("GetCertificate").Produces<CheckpointCertificateDto>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/checkpoints/status", GetStatus).WithName("GetCertificationStatus").Produces<CertificationStatusDto>();
    }

    private static async Task<IResult> ExchangeAsync(HttpRequest request, NodeRuntime node, CancellationToken cancellationToken)
    {
        if (node.Certifier is not { } certifier)
        {
            return NotAMember();
        }

        var (batch, problem) = await RequestBody.ReadAsync<AttestationBatchDto>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (batch!.Attestations is not { Count: <= AttestationBatchDto.MaxAttestations } items)
        {
            return ApiProblem.For(ApiProblem.MalformedRequest, $"attestations is a list of at most {AttestationBatchDto.MaxAttestations}");
        }

        var attestations = new List<CheckpointAttestation>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (!ContractMapping.TryParse(items[i], out var attestation, out var error))
            {
                return ApiProblem.For(ApiProblem.MalformedRequest, $"attestations[{i}]: {error}");
            }

            attestations.Add(attestation);
        }

        var (refusal, own) = certifier.Receive(attestations);
        return refusal is null
            ? Results.Ok(new AttestationBatchDto([.. own.Select(ContractMapping.ToDto)]))
            : ApiProblem.For(ApiProblem.AttestationRefused, refusal);
    }

    private static IResult GetCertificate(string height, NodeRuntime node) =>
        long.TryParse(height, NumberStyles.None, CultureInfo.InvariantCulture, out var at)
            ? Certificate(node, at)
            : ApiProblem.For(ApiProblem.MalformedRequest, "a certified checkpoint is named by its height, or 'latest'");

    private static IResult Certificate(NodeRuntime node, long? height)
    {
        if (node.Certifier is not { } certifier)
        {
            return NotAMember();
        }

        var certificate = height is { } h ? node.Store.ReadCertificate(h) : node.Store.ReadLatestCertificate();
        return certificate is null
            ? ApiProblem.For(ApiProblem.NotFound, height is { } at ? $"no certificate of height {at} here" : "no certificate here yet")
            : Results.Ok(ContractMapping.ToDto(certificate, NodeSetChanges(node, certifier, certificate.Statement.Height)));
    }

    /// <summary>
    /// The certified node-set changes up to <paramref name="height"/>, so the certificate can be checked
    /// with the genesis file alone. A change whose certificate this member lacks is left out, and an offline
    /// check then refuses the chain (as incomplete) rather than trusting it.
    /// </summary>
    private static List<NodeSetChange> NodeSetChanges(NodeRuntime node, Certification.CheckpointCertifier certifier, long height) =>
        [.. certifier.NodeSetHistory()
            .Where(r => r.Height <= height)
            .Select(r => node.Store.ReadCertificate(r.Height) is { } certified ? new NodeSetChange(certified, r.NodeSet) : null)
            .OfType<NodeSetChange>()];

    private static IResult GetStatus(NodeRuntime node)
    {
        if (node.Certifier is not { } certifier)
        {
            return Results.Ok(new CertificationStatusDto(0, null, null, 0, 0, 0));
        }

        var keys = certifier.CurrentNodeSet().Count;
        return Results.Ok(new CertificationStatusDto(
            certifier.Collector.Interval, certifier.LastSignedHeight, certifier.LastCertifiedHeight, certifier.Disagreements, keys, CheckpointCertificate.QuorumOf(keys)));
    }

    private static IResult NotAMember() =>
        ApiProblem.For(ApiProblem.NotFound, "this is a dev node, not a consortium member: it certifies no checkpoints");
}
