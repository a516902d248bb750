namespace Carechain.Client.Contracts;

/// <summary>
/// Many scans checked at once by one verifier at one place (a case opened at goods-in, a returns
/// tote): each code as a scanner delivers it, in any GS1 form. Nothing is recorded. With
/// <see cref="History"/> false the answers carry status and reasons only (what a goods-in screen
/// needs), which is much less to read and send.
/// </summary>
public sealed record PackCheckBatchRequest(string Verifier, string? Location, IReadOnlyList<string> Codes, bool? History = null);
