using System.Security.Claims;
using Carechain.Client.Contracts;
using Carechain.Core.Crypto;
using Carechain.Modules.Governance;
using Carechain.Modules.Supply.Verification;
using Carechain.Node.Hosting;
using Microsoft.AspNetCore.Http;

namespace Carechain.Node.Api.Supply;

/// <summary>
/// Read-only checks of many scans in one request (<c>POST /api/v1/supply/check</c>): a case opened
/// at goods-in or a tote of returns, checked against one view of the state. An unreadable code is
/// answered in its place (status <c>unreadable</c> with the parser's reason) rather than failing
/// the others; a malformed request as a whole is a problem and nothing is checked. <c>"history": false</c>
/// leaves each pack's history out.
/// </summary>
internal static class PackChecks
{
    public const int MaxCodes = 1_000;

    public static string StatusOf(PackCheck check) => check.IsAuthentic ? "authentic" : "suspect";

    public static async Task<IResult> CheckManyAsync(HttpRequest request, ClaimsPrincipal user, SupplyReads reads, TimeProvider time, CancellationToken aborted)
    {
        var (batch, problem) = await RequestBody.ReadAsync<PackCheckBatchRequest>(request, aborted).ConfigureAwait(false);
        if (batch is null)
        {
            return problem!;
        }

        if (!Ed25519PublicKey.TryParse(batch.Verifier, out var verifier))
        {
            return ApiProblem.For(ApiProblem.MalformedRequest, "verifier is the scanning key, 64 hexadecimal characters");
        }

        if (batch.Codes is not { Count: > 0 and <= MaxCodes } codes)
        {
            return ApiProblem.For(ApiProblem.MalformedRequest, $"codes lists 1 to {MaxCodes} scans");
        }

        var location = batch.Location ?? string.Empty;
        if (new VerifyRequest(default, null, null, location).Validate() is { } invalid)
        {
            return ApiProblem.For(ApiProblem.MalformedRequest, $"{invalid}: location is not one a scan can carry");
        }

        var now = time.GetUtcNow();
        var state = reads.State();
        var permissions = reads.Permissions();
        var disclosure = reads.DisclosureFor(user);
        var results = new PackCheckResultDto[codes.Count];
        for (var i = 0; i < results.Length; i++)
        {
            var code = codes[i] ?? string.Empty;
            if (!PackCodes.TryRead(code, now.Year, out var pack, out var parsed, out var detail))
            {
                results[i] = Unreadable(code, detail);
                continue;
            }

            var scan = new VerifyRequest(pack, parsed!.Lot, parsed.Expiry, location);
            if (scan.Validate() is { } bad)
            {
                results[i] = Unreadable(code, $"{bad}: the lot is not one a scan can carry");
                continue;
            }

            if (batch.History is false)
            {
                var reasons = PackVerification.Reasons(state, permissions, scan, verifier, now.ToUnixTimeMilliseconds());
                results[i] = new PackCheckResultDto(code, reasons.Count == 0 ? "authentic" : "suspect", reasons, [], null);
                continue;
            }

            var check = PackVerification.Check(state, permissions, scan, verifier, now.ToUnixTimeMilliseconds());
            results[i] = new PackCheckResultDto(code, StatusOf(check), check.Reasons, check.History.ToDto(disclosure.ShowsParties(check.History)), null);
        }

        return Results.Ok(new PackCheckBatchDto(results));
    }

    private static PackCheckResultDto Unreadable(string code, string detail) =>
        new(code.Length > PackCodes.MaxCodeLength ? code[..PackCodes.MaxCodeLength] : code, "unreadable", [], [], detail);
}
