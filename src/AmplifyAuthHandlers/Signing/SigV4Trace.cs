using System.Text;

namespace AmplifyAuthHandlers.Signing;

/// <summary>
/// Receives the intermediate results of one signature: for the conformance tests, and for explaining a signature
/// API Gateway refused. Never logged: the canonical request carries the session token.
/// </summary>
/// <remarks>
/// A <see cref="Deferred"/> trace is what every signed request carries: it keeps references to what was signed
/// (the headers' strings, the path and query, the date and scope) and writes the texts only when they are read, on a
/// refused signature. Writing them on every request would cost two strings the size of the canonical request (the
/// session token alone is about 1 KB), for a diagnosis almost no request needs.
/// </remarks>
internal sealed class SigV4Trace
{
    private static readonly byte[] NoSigningKey = new byte[32];

    private string? _canonicalRequest;
    private string? _stringToSign;
    private SignedInputs? _inputs;

    /// <summary>Creates a trace that receives the texts as they are signed.</summary>
    public SigV4Trace()
    {
    }

    private SigV4Trace(bool deferred) => KeepsInputs = deferred;

    /// <summary>Whether the signer should keep the inputs only (<see cref="Deferred"/>) instead of writing the texts.</summary>
    public bool KeepsInputs { get; }

    /// <summary>The canonical request (written from the kept inputs on first read, for a deferred trace).</summary>
    public string CanonicalRequest
    {
        get
        {
            WriteTexts();
            return _canonicalRequest ?? string.Empty;
        }
    }

    /// <summary>The string to sign (written from the kept inputs on first read, for a deferred trace).</summary>
    public string StringToSign
    {
        get
        {
            WriteTexts();
            return _stringToSign ?? string.Empty;
        }
    }

    /// <summary>The signature, lower-case hex (a deferred trace does not keep it).</summary>
    public string Signature { get; private set; } = string.Empty;

    /// <summary>A trace that keeps references to the inputs and writes the texts only if they are read.</summary>
    public static SigV4Trace Deferred() => new(deferred: true);

    /// <summary>Takes the texts as the signer wrote them.</summary>
    internal void Record(ReadOnlySpan<byte> canonicalRequest, ReadOnlySpan<byte> stringToSign, ReadOnlySpan<byte> signatureHex)
    {
        _canonicalRequest = Encoding.UTF8.GetString(canonicalRequest);
        _stringToSign = Encoding.UTF8.GetString(stringToSign);
        Signature = Encoding.ASCII.GetString(signatureHex);
    }

    /// <summary>Keeps what the texts are written from; the headers are already in canonical order.</summary>
    internal void Keep(SignedInputs inputs)
    {
        _inputs = inputs;
        _canonicalRequest = null;
        _stringToSign = null;
    }

    public override string ToString() => "SigV4Trace (redacted)";

    private void WriteTexts()
    {
        if (_inputs is not { } inputs || _canonicalRequest is not null)
        {
            return;
        }

        // The same code that signed writes the texts again from the same strings; the key only changes the
        // signature, which is not kept.
        var builder = new Utf8Builder(1024);
        try
        {
            Span<byte> signature = stackalloc byte[64];
            var written = new SigV4Trace();
            SignatureCalculator.Compute(
                ref builder, inputs.Method, inputs.Path, inputs.Query, inputs.Headers, inputs.PayloadHashHex, inputs.Date, inputs.Region,
                inputs.Service, NoSigningKey, inputs.NormalizePath, inputs.DoubleEncodePath, signature, written);
            _canonicalRequest = written._canonicalRequest;
            _stringToSign = written._stringToSign;
        }
        finally
        {
            builder.Dispose();
        }
    }
}
