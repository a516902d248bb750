using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;

namespace Carechain.Ledger.Transactions;

/// <summary>
/// A signed request to change the ledger. Its bytes are canonical: <see cref="Decode"/> accepts
/// exactly what <see cref="Create"/> produces and nothing else, so its <see cref="Id"/> is unique.
/// The signature covers every field, under <see cref="DomainTag.Transaction"/>.
/// </summary>
public sealed class Transaction
{
    public const byte FormatVersion = 1;

    private Transaction(
        string chainId, Ed25519PublicKey author, ulong nonce, string module, string operation,
        ReadOnlyMemory<byte> payload, Ed25519Signature signature, byte[] encoded, int bodyLength)
    {
        ChainId = chainId;
        Author = author;
        Nonce = nonce;
        Module = module;
        Operation = operation;
        Payload = payload;
        Signature = signature;
        Encoded = encoded;
        BodyLength = bodyLength;
        Id = new TxId(DomainHash.Of(DomainTag.Transaction, encoded));
    }

    public string ChainId { get; }

    public Ed25519PublicKey Author { get; }

    /// <summary>Per-author sequence number: the first transaction of a key has nonce 1, each next one +1.</summary>
    public ulong Nonce { get; }

    public string Module { get; }

    public string Operation { get; }

    public ReadOnlyMemory<byte> Payload { get; }

    public Ed25519Signature Signature { get; }

    public TxId Id { get; }

    /// <summary>The canonical signed bytes: body followed by the 64-byte signature.</summary>
    public ReadOnlyMemory<byte> Encoded { get; }

    private int BodyLength { get; }

    /// <summary>True when <see cref="Create"/> made this object: its key signed exactly these bytes in this process.</summary>
    private bool SignedHere { get; set; }

    public static Transaction Create(
        SigningKey key, string chainId, ulong nonce, string module, string operation, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(key);
        var writer = new CanonicalWriter(128 + payload.Length);
        WriteBody(writer, chainId, key.PublicKey, nonce, module, operation, payload);
        var bodyLength = writer.Length;
        var signature = key.Sign(DomainTag.Transaction, writer.WrittenSpan);
        writer.Signature(signature);
        var encoded = writer.ToArray();
        var decoded = Decode(encoded);
        if (decoded.BodyLength != bodyLength)
        {
            throw new InvalidOperationException("Encoder and decoder disagree.");
        }

        decoded.SignedHere = true;
        return decoded;
    }

    /// <summary>Decodes canonical transaction bytes. Throws <see cref="CodecException"/> for anything else.</summary>
    public static Transaction Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > TransactionLimits.MaxEncodedBytes)
        {
            throw new CodecException($"Transaction of {bytes.Length} bytes is above the limit {TransactionLimits.MaxEncodedBytes}", 0);
        }

        var reader = new CanonicalReader(bytes);
        reader.Version("transaction", FormatVersion);
        var chainId = reader.Text(TransactionLimits.MaxChainIdBytes, "chain id");
        var author = reader.Key("author");
        var nonce = reader.VarUInt();
        var modulePosition = reader.Position;
        var module = reader.Text(TransactionLimits.MaxNameBytes, "module");
        CheckName(module, "module", modulePosition);
        var operationPosition = reader.Position;
        var operation = reader.Text(TransactionLimits.MaxNameBytes, "operation");
        CheckName(operation, "operation", operationPosition);
        var payload = reader.Bytes(TransactionLimits.MaxPayloadBytes, "payload").ToArray();
        var bodyLength = reader.Position;
        var signature = reader.Signature("signature");
        reader.End("transaction");
        if (nonce == 0)
        {
            throw new CodecException("Nonce 0 is never valid: the first nonce of a key is 1", 0);
        }

        return new Transaction(chainId, author, nonce, module, operation, payload, signature, bytes.ToArray(), bodyLength);
    }

    /// <summary>
    /// Whether the signature verifies against <see cref="Author"/>. A transaction this process made with
    /// <see cref="Create"/> is not verified again: its key has just signed exactly these bytes. Every
    /// transaction decoded from bytes (from a client, a peer, a block or the store) is verified.
    /// </summary>
    public bool HasValidSignature() => SignedHere || Author.Verify(DomainTag.Transaction, Encoded.Span[..BodyLength], Signature);

    private static void WriteBody(
        CanonicalWriter writer, string chainId, Ed25519PublicKey author, ulong nonce, string module, string operation, ReadOnlySpan<byte> payload) =>
        writer.Byte(FormatVersion).Text(chainId).Key(author).VarUInt(nonce).Text(module).Text(operation).Bytes(payload);

    /// <summary>Module and operation names are lower-case ASCII words so they print and route unambiguously.</summary>
    private static void CheckName(string name, string what, int position)
    {
        if (name.Length == 0 || name[0] is < 'a' or > 'z')
        {
            throw new CodecException($"The {what} name must start with a lower-case letter", position);
        }

        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                throw new CodecException($"The {what} name may hold only a-z, 0-9 and '-'", position);
            }
        }
    }
}
