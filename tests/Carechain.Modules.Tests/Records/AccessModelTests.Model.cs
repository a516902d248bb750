using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Modules.Identity;
using Carechain.Modules.Records;
using Carechain.Modules.Records.Access;
using Carechain.Modules.Records.Consent;

namespace Carechain.Modules.Tests.Records;

public sealed partial class AccessModelTests
{
    /// <summary>The consent rules restated as plainly as possible, independent of the module's storage.</summary>
    private sealed class Model
    {
        private static readonly HashSet<string> Clinical = ["clinician", "nurse", "pharmacist", "emergency"];

        private readonly Dictionary<Hash256, GrantFact> _grants = [];
        private readonly Dictionary<(int Patient, Ed25519PublicKey Requester), (Hash256 Id, long Start, long End)> _glass = [];

        public Dictionary<Ed25519PublicKey, Person> Members { get; } = [];

        public Dictionary<Hash256, Record> Records { get; } = [];

        public string Grant(int patient, Grantee grantee, ConsentScope scope, string purpose, long expires, long now, Hash256 id)
        {
            if (expires <= now)
            {
                return RecordsErrors.GrantExpired;
            }

            if (grantee.Member is { } member && !Members[member].Active)
            {
                return RecordsErrors.UnknownGrantee;
            }

            if (scope.RecordIds.Any(r => Records[r].Patient != patient))
            {
                return RecordsErrors.UnknownRecord;
            }

            _grants[id] = new GrantFact(patient, grantee, [.. scope.ResourceTypes], [.. scope.RecordIds], purpose, expires, false);
            return string.Empty;
        }

        public string Revoke(int patient, Hash256 id)
        {
            if (!_grants.TryGetValue(id, out var grant))
            {
                return RecordsErrors.UnknownGrant;
            }

            if (grant.Patient != patient)
            {
                return RecordsErrors.NotPatient;
            }

            if (grant.Revoked)
            {
                return RecordsErrors.AlreadyRevoked;
            }

            _grants[id] = grant with { Revoked = true };
            return string.Empty;
        }

        public string BreakGlass(Ed25519PublicKey requester, int patient, int minutes, long now, Hash256 id)
        {
            var person = Members[requester];
            if (!person.Active)
            {
                // The identity guard refuses every transaction of a revoked key before any module sees it.
                return IdentityErrors.KeyRevoked;
            }

            if (person.Role != "emergency" || person.Org is null)
            {
                return RecordsErrors.NotEmergency;
            }

            _glass[(patient, requester)] = (id, now, now + (minutes * 60_000L));
            return string.Empty;
        }

        public string Erase(int patient, Hash256 id)
        {
            var record = Records[id];
            if (record.Patient != patient)
            {
                return RecordsErrors.NotPatient;
            }

            if (record.Erased)
            {
                return RecordsErrors.RecordErased;
            }

            Records[id] = record with { Erased = true };
            return string.Empty;
        }

        public AccessDecision Decide(Ed25519PublicKey reader, Hash256 id, string purpose, long now)
        {
            var record = Records[id];
            if (record.Erased)
            {
                return AccessDecision.Deny(RecordsErrors.RecordErased);
            }

            var isPatient = Members.TryGetValue(reader, out var person) && person.Role == IdentityRole.Patient;
            if (person is null || !person.Active)
            {
                return AccessDecision.Deny(RecordsErrors.RequesterInactive);
            }

            if (isPatient && Patients[record.Patient].PublicKey == reader)
            {
                return AccessDecision.Allow(AccessBasis.PatientSelf);
            }

            var clinical = Clinical.Contains(person.Role);
            if (clinical && person.Org == record.Custodian)
            {
                return AccessDecision.Allow(AccessBasis.Custodian);
            }

            var grant = _grants
                .Where(g => g.Value.Patient == record.Patient && !g.Value.Revoked && now < g.Value.Expires && g.Value.Purpose == purpose)
                .Where(g => g.Value.Types.Contains(record.Type) || g.Value.Ids.Contains(id))
                .Where(g => g.Value.Grantee.Member == reader || (clinical && person.Org is { } org && g.Value.Grantee.Organisation == Orgs[org]))
                .Select(g => g.Key.ToString())
                .Order(StringComparer.Ordinal)
                .FirstOrDefault();
            if (grant is not null)
            {
                return AccessDecision.Allow(AccessBasis.Grant, Hash256.Parse(grant));
            }

            if (person.Role == "emergency" && person.Org is not null
                && _glass.TryGetValue((record.Patient, reader), out var glass) && glass.Start <= now && now < glass.End)
            {
                return AccessDecision.Allow(AccessBasis.BreakGlass, glass.Id);
            }

            return AccessDecision.Deny(RecordsErrors.NoConsent);
        }

        public sealed record Person(string Role, int? Org, bool Active);

        public sealed record Record(int Patient, int Custodian, string Type, bool Erased);

        private sealed record GrantFact(int Patient, Grantee Grantee, string[] Types, Hash256[] Ids, string Purpose, long Expires, bool Revoked);
    }
}
