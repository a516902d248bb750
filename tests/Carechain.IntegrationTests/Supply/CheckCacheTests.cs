using Carechain.Client;
using Carechain.Modules.Supply.Events;
using Carechain.Modules.Supply.Packs;
using Carechain.Modules.Supply.Verification;

namespace Carechain.IntegrationTests.Supply;

/// <summary>
/// Read-only checks read the catalogue (product, serial ranges, batch, lot) through one cache per
/// committed block; on a real node over HTTP, each check answers what the last committed block says.
/// </summary>
public sealed class CheckCacheTests(SupplyDevNode net) : IClassFixture<SupplyDevNode>
{
    [Fact]
    public async Task A_check_after_a_block_sees_the_serials_and_lot_status_it_changed()
    {
        await net.CommitAsync(net.Maker, s => s.CommissionAsync(new CommissionRequest(SupplyDevNode.Gtin, "L7", SupplyDevNode.Expiry, [new SerialRange("V", 3, 1, 10)], "plant-1")));
        Assert.Equal([VerificationReasons.HeldByOther], (await CheckAsync("V005")).Reasons);
        Assert.Equal([VerificationReasons.UnknownSerial], (await CheckAsync("V015")).Reasons);

        await net.CommitAsync(net.Maker, s => s.CommissionAsync(new CommissionRequest(SupplyDevNode.Gtin, "L7", SupplyDevNode.Expiry, [new SerialRange("V", 3, 11, 10)], "plant-1")));
        Assert.Equal([VerificationReasons.HeldByOther], (await CheckAsync("V015")).Reasons);

        await net.CommitAsync(net.Regulator, s => s.LotAsync(LotAction.Recall, new LotRequest(SupplyDevNode.Gtin, "L7", "contamination")));
        Assert.Equal([VerificationReasons.Recalled, VerificationReasons.HeldByOther], (await CheckAsync("V005")).Reasons);
        var batch = await net.Client.CheckPacksAsync([SupplyDevNode.Code("V005", "L7"), SupplyDevNode.Code("V015", "L7")], net.Pharmacy.PublicKey, "counter", history: false);
        Assert.All(batch.Results, r => Assert.Contains(VerificationReasons.Recalled, r.Reasons));
    }

    private Task<Client.Contracts.PackCheckDto> CheckAsync(string serial) =>
        net.Client.CheckPackAsync(SupplyDevNode.Code(serial, "L7"), net.Pharmacy.PublicKey, "counter");
}
