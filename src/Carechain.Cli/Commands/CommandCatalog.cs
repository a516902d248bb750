using System.CommandLine;

namespace Carechain.Cli.Commands;

/// <summary>Every top-level command of <c>carechain</c>, in the order help lists them. A new command group is registered here and nowhere else.</summary>
public static class CommandCatalog
{
    public static IReadOnlyList<Command> All() =>
    [
        InitCommand.Create(),
        NodeCommands.Create(),
        NetworkCommands.Create(),
        KeysCommands.Create(),
        AnchorCommand.Create(),
        ProofCommands.Create(),
        CheckpointCommand.Create(),
        IdentityCommands.Create(),
        GovernanceCommands.Create(),
        TxCommands.Create(),
        BlockCommands.Create(),
        HeadCommand.Create(),
        SupplyCommands.Create(),
        VerifyCommand.Create(),
        BenchCommand.Create(),
        AuthCommands.Create(),
        PatientCommands.Create(),
        RecordsCommands.Create(),
        FhirCommands.Create(),
    ];
}
