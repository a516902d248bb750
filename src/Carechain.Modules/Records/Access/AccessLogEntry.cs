using Carechain.Core.Crypto;
using Carechain.Core.Hashing;

namespace Carechain.Modules.Records.Access;

/// <summary>One read in a records/access-log transaction: <see cref="Reader"/> reads <see cref="RecordId"/> for <see cref="Purpose"/>.</summary>
public sealed record AccessLogEntry(Ed25519PublicKey Reader, Hash256 RecordId, string Purpose);
