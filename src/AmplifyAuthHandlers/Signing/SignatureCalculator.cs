namespace AmplifyAuthHandlers.Signing;

/// <summary>
/// Writes the canonical request and the string to sign into one pooled buffer, hashes them in place and computes
/// the signature. Both header and query signing come through here.
/// </summary>
internal static class SignatureCalculator
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>
    /// Computes the signature of a request. <paramref name="headers"/> (including <c>host</c> and the <c>x-amz-*</c>
    /// headers being added) is sorted in place. The lower-case hex signature goes to <paramref name="signatureHex"/>
    /// (64 bytes); the signed-headers list and the credential scope stay in <paramref name="builder"/> at the
    /// returned positions, for the <c>Authorization</c> header.
    /// </summary>
    public static SignatureLayout Compute(
        ref Utf8Builder builder,
        scoped ReadOnlySpan<char> method,
        scoped ReadOnlySpan<char> path,
        scoped ReadOnlySpan<char> query,
        scoped Span<SignableHeader> headers,
        scoped ReadOnlySpan<byte> payloadHashHex,
        AmzDate amzDate,
        string region,
        string service,
        byte[] signingKey,
        bool normalizePath,
        bool doubleEncodePath,
        scoped Span<byte> signatureHex,
        SigV4Trace? trace)
    {
        CanonicalHeaders.Sort(headers);

        builder.AppendUtf8(method);
        builder.Append((byte)'\n');
        CanonicalPath.Append(ref builder, path, normalizePath, doubleEncodePath);
        builder.Append((byte)'\n');
        CanonicalQuery.Append(ref builder, query);
        builder.Append((byte)'\n');
        CanonicalHeaders.AppendCanonicalHeaders(ref builder, headers);
        builder.Append((byte)'\n');
        int signedHeadersStart = builder.Length;
        CanonicalHeaders.AppendSignedHeaders(ref builder, headers);
        int signedHeadersLength = builder.Length - signedHeadersStart;
        builder.Append((byte)'\n');
        builder.Append(payloadHashHex);
        int canonicalLength = builder.Length;

        Span<byte> hash = stackalloc byte[32];
        ReusableHashes.Sha256(builder.Slice(0, canonicalLength), hash);

        builder.Append("AWS4-HMAC-SHA256\n"u8);
        builder.AppendUtf8(amzDate.Text);
        builder.Append((byte)'\n');
        int scopeStart = builder.Length;
        builder.AppendUtf8(amzDate.Date);
        builder.Append((byte)'/');
        builder.AppendUtf8(region);
        builder.Append((byte)'/');
        builder.AppendUtf8(service);
        builder.Append("/aws4_request"u8);
        int scopeLength = builder.Length - scopeStart;
        builder.Append((byte)'\n');
        Hex.WriteLower(hash, builder.GetSpan(64));
        builder.Advance(64);

        ReadOnlySpan<byte> stringToSign = builder.Slice(canonicalLength, builder.Length - canonicalLength);
        ReusableHashes.HmacSha256(signingKey, stringToSign, hash);
        Hex.WriteLower(hash, signatureHex);

        if (trace is { KeepsInputs: true })
        {
            trace.Keep(new SignedInputs(
                method.ToString(), path.ToString(), query.ToString(), headers.ToArray(), payloadHashHex.ToArray(), amzDate, region, service,
                normalizePath, doubleEncodePath));
        }
        else
        {
            trace?.Record(builder.Slice(0, canonicalLength), stringToSign, signatureHex[..64]);
        }

        return new SignatureLayout(signedHeadersStart, signedHeadersLength, scopeStart, scopeLength);
    }
}
