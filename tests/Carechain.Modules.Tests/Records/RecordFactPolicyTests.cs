using Carechain.Modules.Records.Access;
using Carechain.Modules.Tests.Support;

namespace Carechain.Modules.Tests.Records;

public sealed class RecordFactPolicyTests
{
    [Fact]
    public void The_patient_sees_every_fact_about_them_and_a_stranger_none()
    {
        using var world = new RecordsWorld();
        var permissions = world.Consortium.Permissions;
        var patient = world.Patient.PublicKey;
        var otherPatient = world.Consortium.NewKey().PublicKey;

        foreach (var fact in Enum.GetValues<RecordFact>())
        {
            Assert.True(RecordFactPolicy.MaySee(permissions, patient, fact, patient, Consortium.Org(1)));
            Assert.False(RecordFactPolicy.MaySee(permissions, world.Outsider.PublicKey, fact, patient, Consortium.Org(1)));
            Assert.False(RecordFactPolicy.MaySee(permissions, otherPatient, fact, patient, Consortium.Org(1)));
        }
    }

    [Fact]
    public void A_custodian_clinician_sees_the_anchors_it_keeps_and_an_auditor_sees_the_accesses_only()
    {
        using var world = new RecordsWorld();
        var auditor = world.Member(RecordFactPolicy.AuditorRole, 2);
        var permissions = world.Consortium.Permissions;
        var patient = world.Patient.PublicKey;

        Assert.True(RecordFactPolicy.MaySee(permissions, world.Custodian.PublicKey, RecordFact.Anchor, patient, Consortium.Org(1)));
        Assert.False(RecordFactPolicy.MaySee(permissions, world.Custodian.PublicKey, RecordFact.Anchor, patient, Consortium.Org(2)));
        Assert.False(RecordFactPolicy.MaySee(permissions, world.Custodian.PublicKey, RecordFact.Anchor, patient));
        Assert.False(RecordFactPolicy.MaySee(permissions, world.Custodian.PublicKey, RecordFact.Access, patient, Consortium.Org(1)));
        Assert.False(RecordFactPolicy.MaySee(permissions, world.Custodian.PublicKey, RecordFact.Consent, patient, Consortium.Org(1)));

        Assert.True(RecordFactPolicy.MaySee(permissions, auditor.PublicKey, RecordFact.Access, patient));
        Assert.False(RecordFactPolicy.MaySee(permissions, auditor.PublicKey, RecordFact.Consent, patient));
        Assert.False(RecordFactPolicy.MaySee(permissions, auditor.PublicKey, RecordFact.Anchor, patient, Consortium.Org(2)));
    }
}
