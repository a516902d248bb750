using System.CommandLine;
using System.Globalization;
using Carechain.Client.Contracts;
using Carechain.Core.Hashing;
using Carechain.Modules.Identity;
using Carechain.Modules.Records;
using Carechain.Modules.Records.Consent;

namespace Carechain.Cli.Commands;

/// <summary>
/// <c>carechain patient register|grant|revoke|records|access</c>: a patient registers their key,
/// grants and revokes access to their records, and sees their records across every custodian and
/// every access to them. Changes wait for their block; views sign in with the key first.
/// </summary>
internal static class PatientCommands
{
    public static Command Create() => new("patient", "A patient's records, consent and access history")
    {
        Register(), Grant(), Revoke(), Records(), Access(),
    };

    private static Command Register()
    {
        var name = new Option<string>("--name") { Description = "Display name (public; a pseudonym is fine)", DefaultValueFactory = _ => "Patient" };
        var signed = SignedCommand.Options();
        var command = new Command("register", "Register the key as a patient") { name };
        signed.AddTo(command);
        CommandRunner.SetAction(command, signed.Json, async context =>
        {
            var displayName = context.Value(name)!;
            if (displayName.Length == 0 || displayName.Trim().Length != displayName.Length || displayName.Any(char.IsControl)
                || System.Text.Encoding.UTF8.GetByteCount(displayName) > IdentityPayloads.MaxDisplayNameBytes)
            {
                throw CliException.Usage($"--name must be 1 to {IdentityPayloads.MaxDisplayNameBytes} bytes, without control characters or surrounding spaces");
            }

            var (tx, height) = await signed.CommitAsync(context, (signer, ct) => signer.CreateRegisterAsync(displayName, IdentityRole.Patient, ct));
            context.Emit(new { txId = tx.Id.ToString(), height, key = tx.Author.ToString() }, ui => Display.Fields(ui, ("txId", tx.Id), ("height", height), ("key", tx.Author)));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Grant()
    {
        var to = new Option<string>("--to") { Description = "The grantee: an organisation id (or org:ID) or a member's public key", Required = true };
        var types = new Option<string?>("--types") { Description = "Resource types covered, comma-separated (e.g. Observation,Condition)" };
        var records = new Option<string?>("--records") { Description = "Record ids covered, comma-separated" };
        var purpose = new Option<string>("--purpose") { Description = "Purpose of use the grant covers", DefaultValueFactory = _ => PurposeOfUse.Treatment };
        purpose.AcceptOnlyFromAmong([.. PurposeOfUse.All.Order(StringComparer.Ordinal)]);
        var days = new Option<int>("--days") { Description = "How many days the grant lasts (1 to 3650)", DefaultValueFactory = _ => 30 };
        var signed = SignedCommand.Options();
        var command = new Command("grant", "Let an organisation or a member read some of your records") { to, types, records, purpose, days };
        signed.AddTo(command);
        CommandRunner.SetAction(command, signed.Json, async context =>
        {
            var request = GrantFrom(context.Value(to), context.Value(types), context.Value(records), context.Value(purpose)!, context.Value(days));
            var (tx, height) = await signed.CommitAsync(context, (signer, ct) =>
                signer.CreateAsync(RecordsModule.ModuleName, GrantRequest.Operation, request.Encode(), ct));
            context.Emit(
                new { grantId = tx.Id.ToString(), height, grantee = request.Grantee.ToString(), purpose = request.Purpose, expiresAtMs = request.ExpiresAtMs },
                ui => Display.Fields(ui, ("grant", tx.Id), ("height", height), ("grantee", request.Grantee), ("purpose", request.Purpose),
                    ("expires", DateTimeOffset.FromUnixTimeMilliseconds(request.ExpiresAtMs).ToString("u", CultureInfo.InvariantCulture))));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Revoke()
    {
        var grant = new Argument<string>("grant") { Description = "The grant id (the transaction id that made it)" };
        var signed = SignedCommand.Options();
        var command = new Command("revoke", "Withdraw a grant; it stops allowing reads from the next block") { grant };
        signed.AddTo(command);
        CommandRunner.SetAction(command, signed.Json, async context =>
        {
            var id = Hash256.TryParse(context.Value(grant), out var parsed) ? parsed : throw CliException.Usage("a grant id is 64 hexadecimal characters");
            var (tx, height) = await signed.CommitAsync(context, (signer, ct) =>
                signer.CreateAsync(RecordsModule.ModuleName, RevokeRequest.Operation, new RevokeRequest(id).Encode(), ct));
            context.Emit(new { grantId = id.ToString(), txId = tx.Id.ToString(), height }, ui => Display.Fields(ui, ("revoked", id), ("txId", tx.Id), ("height", height)));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Records()
    {
        var signed = SignedCommand.Options();
        var command = new Command("records", "List your records across every custodian, and your grants");
        signed.AddTo(command);
        CommandRunner.SetAction(command, signed.Json, async context =>
        {
            var (records, grants) = await signed.ReadAsync(context, async (client, key, token, ct) =>
            {
                var all = new List<RecordAnchorDto>();
                string? after = null;
                do
                {
                    var page = await client.GetPatientRecordsAsync(key, token, after, ct);
                    all.AddRange(page.Records);
                    after = page.Next;
                }
                while (after is not null);

                var allGrants = new List<ConsentGrantDto>();
                do
                {
                    var page = await client.GetPatientGrantsAsync(key, token, after, ct);
                    allGrants.AddRange(page.Grants);
                    after = page.Next;
                }
                while (after is not null);
                return (all, allGrants);
            });
            context.Emit(new { records, grants }, ui =>
            {
                Display.Table(ui, ["record", "type", "custodian", "version", "anchored", "erased"], records.Select(r => new[]
                {
                    r.RecordId, r.ResourceType, r.Custodian, r.Version.ToString(CultureInfo.InvariantCulture), Time(r.TimestampMs), r.Erased ? "yes" : "no",
                }));
                Display.Table(ui, ["grant", "grantee", "scope", "purpose", "expires", "status"], grants.Select(g => new[]
                {
                    g.GrantId, g.Grantee, string.Join(',', g.ResourceTypes.Concat(g.RecordIds)), g.Purpose, Time(g.ExpiresAtMs), g.Status,
                }));
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Access()
    {
        var signed = SignedCommand.Options();
        var command = new Command("access", "Every access to your records: who, when, which record, under which grant or break-glass");
        signed.AddTo(command);
        CommandRunner.SetAction(command, signed.Json, async context =>
        {
            var (events, breakGlass) = await signed.ReadAsync(context, async (client, key, token, ct) =>
            {
                var all = new List<AccessEventDto>();
                IReadOnlyList<BreakGlassDto> glass = [];
                string? after = null;
                do
                {
                    var page = await client.GetPatientAccessAsync(key, token, after, ct);
                    all.AddRange(page.Events);
                    glass = after is null ? page.BreakGlass : glass;
                    after = page.Next;
                }
                while (after is not null);
                return (all, glass);
            });
            context.Emit(new { events, breakGlass }, ui =>
            {
                Display.Table(ui, ["when", "reader", "organisation", "role", "record", "purpose", "under"], events.Select(e => new[]
                {
                    Time(e.TimestampMs), e.Reader, e.ReaderOrganisation, e.ReaderRole, e.RecordId, e.Purpose, e.BasisId is null ? e.Basis : $"{e.Basis} {e.BasisId}",
                }));
                Display.Table(ui, ["break-glass", "by", "organisation", "reason", "from", "until", "review"], breakGlass.Select(g => new[]
                {
                    g.Id, g.Requester, g.Organisation, $"{g.ReasonCode}: {g.ReasonText}", Time(g.StartMs), Time(g.EndMs), g.ReviewOutcome ?? "flagged, pending",
                }));
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static GrantRequest GrantFrom(string? to, string? types, string? records, string purpose, int days)
    {
        if (!Grantee.TryParse(to, out var grantee))
        {
            throw CliException.Usage("--to is an organisation id (or org:ID) or a 64-hex public key");
        }

        string[] typeList = types is null ? [] : types.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var idList = new List<Hash256>();
        foreach (var text in records?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [])
        {
            idList.Add(Hash256.TryParse(text, out var id) ? id : throw CliException.Usage($"record id '{CliText.OneLine(text)}' is not 64 hexadecimal characters"));
        }

        if (days is < 1 or > 3650)
        {
            throw CliException.Usage("--days is 1 to 3650");
        }

        var scope = new ConsentScope(typeList, idList);
        if (typeList.Length > ConsentScope.MaxResourceTypes || idList.Count > ConsentScope.MaxRecordIds || scope.Validate() is not null)
        {
            throw CliException.Usage(
                $"give --types (FHIR resource type names) and/or --records; at most {ConsentScope.MaxResourceTypes} types and {ConsentScope.MaxRecordIds} records, no repeats");
        }

        var expires = DateTimeOffset.UtcNow.AddDays(days).ToUnixTimeMilliseconds();
        return new GrantRequest(grantee, scope, purpose, expires);
    }

    private static string Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("u", CultureInfo.InvariantCulture);
}
