using System.Security.Cryptography;
using System.Text;

namespace MediaCompiler.Emulator.Webhooks;

/// <summary>
/// The signature of a webhook: <c>X-Media-Signature: sha256=&lt;hex&gt;</c>, the lower-case hex HMAC-SHA256 of the
/// exact body bytes keyed with the submitting client's webhook secret (UTF-8).
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "X-Media-Signature";

    public const string Prefix = "sha256=";

    public static string Compute(string secret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)).ToLowerInvariant();

    /// <summary>True when <paramref name="header"/> is the signature of <paramref name="body"/> (constant-time compare).</summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header) =>
        header is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(secret, body)), Encoding.ASCII.GetBytes(header.Trim()));
}
