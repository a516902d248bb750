using Carechain.Core.Crypto;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Governance;
using Carechain.Modules.Supply.Events;

namespace Carechain.Modules.Supply.Verification;

/// <summary>
/// The one rule for who sees the parties of a pack's (or a case's) history: the organisation and
/// key behind each event, its site, its counterparty and its transaction. They are shown to keys of
/// a <c>regulator</c> organisation and of every organisation that was party to one of its custody
/// events (acted in it or was named its receiver), the manufacturer first, by its commissioning.
/// Everyone else (a pharmacy that never held the pack, a patient's key, a caller without a token)
/// sees what happened and when: the kinds, business steps, dispositions, reasons, heights and times,
/// never who or where. A scan makes no one a party, nor does a lot's recall or quarantine, so
/// scanning a code never opens its history.
/// </summary>
public sealed class HistoryDisclosure
{
    private readonly OrganisationId? _organisation;
    private readonly bool _regulator;

    private HistoryDisclosure(OrganisationId? organisation, bool regulator) => (_organisation, _regulator) = (organisation, regulator);

    /// <summary>The rule for one caller (null: no authenticated caller), its organisation and kind looked up once for every history it reads.</summary>
    public static HistoryDisclosure For(Permissions permissions, Ed25519PublicKey? caller)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        if (caller is not { } key || permissions.OrganisationOf(key) is not { } organisation)
        {
            return new HistoryDisclosure(null, false);
        }

        return new HistoryDisclosure(organisation, permissions.Organisation(organisation)?.Organisation.Kind == OrganisationKind.Regulator);
    }

    /// <summary>True when this caller may see the parties of <paramref name="history"/>.</summary>
    public bool ShowsParties(IEnumerable<SupplyEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return _regulator
            || (_organisation is { } organisation && history.Any(e => IsCustody(e.Kind) && (e.Actor == organisation || e.Counterparty == organisation)));
    }

    private static bool IsCustody(SupplyEventKind kind) =>
        kind is not (SupplyEventKind.Verified or SupplyEventKind.Recalled or SupplyEventKind.Quarantined or SupplyEventKind.Released);
}
