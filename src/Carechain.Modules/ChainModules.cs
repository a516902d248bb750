using Carechain.Ledger.Execution;
using Carechain.Modules.Governance;
using Carechain.Modules.Identity;
using Carechain.Modules.Notary;
using Carechain.Modules.Records;
using Carechain.Modules.Supply;

namespace Carechain.Modules;

/// <summary>The modules every Carechain node runs, in one place so all nodes hold the same set.</summary>
public static class ChainModules
{
    public static ModuleRegistry Create()
    {
        var identity = new IdentityModule();
        return new ModuleRegistry([identity, new GovernanceModule(), new NotaryModule(), new RecordsModule(), new SupplyModule()], [identity], new GovernanceNodeSets());
    }
}
