namespace Carechain.Modules.Supply.Gs1;

/// <summary>One application identifier and its value, as read from a barcode or link.</summary>
public sealed record Gs1Element(string Ai, string Value);
