using System.Text;
using Carechain.Core.Crypto;
using Carechain.Vault.Crypto;
using Carechain.Vault.Records;

namespace Carechain.Vault.Tests;

/// <summary>Keys and headers shared by the vault tests.</summary>
internal static class TestRecords
{
    public static RecordVersionHeader Header(string id, long version, Ed25519PublicKey patient, string type = "Observation") =>
        new(RecordId.Parse(id), version, ResourceType.Parse(type), patient);

    public static byte[] Resource(string id, long version) =>
        Encoding.UTF8.GetBytes($$$"""{"resourceType":"Observation","id":"{{{id}}}","meta":{"versionId":"{{{version}}}"},"status":"final","valueQuantity":{"value":{{{37 + version}}},"unit":"Cel"}}""");

    public static CustodianKey NewCustodian()
    {
        using var key = SigningKey.Generate();
        return CustodianKey.FromSigningKey(key);
    }
}
