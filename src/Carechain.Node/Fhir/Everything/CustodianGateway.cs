using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Carechain.Core.Crypto;
using Carechain.Fhir.Outcomes;
using Carechain.Fhir.Parsing;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Governance;
using Carechain.Node.Auth;
using Carechain.Node.Hosting;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Carechain.Node.Fhir.Everything;

/// <summary>
/// Asks a custodian organisation's node for the records of one patient it keeps (ADR 0010). The node
/// is found by asking each consortium member which node key it runs (<c>GET /api/v1/chain</c>) and
/// looking that key's organisation up on this node's own chain; the call carries a
/// <see cref="DelegatedTokens"/> token for the caller, and the answer counts only if it is signed by
/// a node key the chain gives that organisation (<see cref="CustodianSignature"/>), so a wrong or
/// lying URL can make a custodian unreachable but never put records in its name.
/// </summary>
internal sealed class CustodianGateway(NodeRuntime node, DelegatedTokens tokens) : IDisposable
{
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http = new() { Timeout = CallTimeout, MaxResponseContentBufferSize = FhirResourceReader.MaxBytes };
    private readonly ConcurrentDictionary<string, OrganisationId> _organisationOfMember = new(StringComparer.Ordinal);

    /// <summary>
    /// The custodian's searchset Bundle for <paramref name="patient"/> as <paramref name="caller"/> may see it, asked with
    /// <paramref name="query"/> (its <c>$everything</c> parameters, <c>_local=true</c> among them), or why there is none.
    /// </summary>
    public async Task<(Bundle? Bundle, string? Problem)> FetchAsync(
        OrganisationId custodian, Ed25519PublicKey patient, Ed25519PublicKey caller, string query, string purpose, CancellationToken cancellationToken)
    {
        var permissions = new Permissions(node.Store, node.Chain.Genesis);
        var nodeKeys = permissions.Organisation(custodian)?.Organisation.NodeKeys ?? [];
        var members = await MembersOfAsync(custodian, permissions, cancellationToken).ConfigureAwait(false);
        var problem = "no member node of this organisation is known to this node";
        foreach (var member in members)
        {
            var token = tokens.Issue(caller, custodian);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(member.ApiUrl, $"fhir/Patient/{patient}/$everything?{query}"));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(FhirResult.ContentType));
                request.Headers.Add(FhirPurpose.Header, purpose);
                using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    problem = $"its node answered HTTP {(int)response.StatusCode}";
                    continue;
                }

                var signature = response.Headers.TryGetValues(CustodianSignature.Header, out var values) ? values.FirstOrDefault() : null;
                if (CustodianSignature.Verify(signature, token, body, nodeKeys) is null)
                {
                    _organisationOfMember.TryRemove(member.Id, out _);
                    problem = "the answer at its node's address is not signed by a node key of the organisation";
                    continue;
                }

                return FhirResourceReader.Read(body, "Bundle") is Bundle bundle ? (bundle, null) : (null, "its node did not answer a Bundle");
            }
            catch (HttpRequestException)
            {
                problem = "its node could not be reached";
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                problem = "its node did not answer in time";
            }
            catch (FhirInputException)
            {
                problem = "its node's answer is not a valid FHIR Bundle";
            }
        }

        return (null, problem);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The other members whose node key belongs to <paramref name="custodian"/>; members not yet identified are asked now.</summary>
    private async Task<IReadOnlyList<ConsortiumMember>> MembersOfAsync(OrganisationId custodian, Permissions permissions, CancellationToken cancellationToken)
    {
        if (node.Membership is not { } membership)
        {
            return [];
        }

        var unknown = membership.PeerClients().Where(p => !_organisationOfMember.ContainsKey(p.Id)).ToList();
        await Task.WhenAll(unknown.Select(async peer =>
        {
            try
            {
                var info = await peer.Client.GetChainInfoAsync(cancellationToken).ConfigureAwait(false);
                if (Ed25519PublicKey.TryParse(info.NodeKey, out var key) && permissions.IsNodeKey(key) && permissions.OrganisationOf(key) is { } organisation)
                {
                    _organisationOfMember[peer.Id] = organisation;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Client.CarechainApiException or System.Text.Json.JsonException)
            {
                // Unreachable for now: asked again on the next call.
            }
        })).ConfigureAwait(false);
        return [.. membership.Options.Members.Where(m => _organisationOfMember.TryGetValue(m.Id, out var o) && o == custodian)];
    }
}
