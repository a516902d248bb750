using Carechain.Ledger.Transactions;

namespace Carechain.Ledger.Admission;

/// <summary>What admission decided for one submitted transaction. A refusal carries a stable code and a one-line detail.</summary>
public sealed record AdmissionResult(AdmissionStatus Status, TxId? TxId, string ErrorCode, string Detail)
{
    public static AdmissionResult Refuse(TxId? id, string code, string detail) => new(AdmissionStatus.Refused, id, code, detail);
}
