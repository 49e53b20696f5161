using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using MediaCompiler.Emulator.Configuration;
using MediaCompiler.Emulator.Faults;
using MediaCompiler.Contract;

namespace MediaCompiler.Emulator.Auth;

/// <summary>A bearer token the emulator issued: whose it is, what it may do, and until when.</summary>
internal sealed record IssuedToken(ClientSettings Client, IReadOnlySet<string> Scopes, DateTimeOffset ExpiresAt);

internal enum TokenCheck
{
    Valid,
    Unknown,
    Expired,
}

/// <summary>
/// Checks client credentials and issues opaque random bearer _tokens held in memory (a restart forgets them, as a
/// real authorization server's short-lived _tokens would be lost to a client anyway). Thread-safe.
/// </summary>
internal sealed class TokenIssuer(EmulatorSettings settings, FaultController faults)
{
    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);

    /// <summary>The client with these credentials, or null. Secrets are compared in constant time.</summary>
    public ClientSettings? Authenticate(string clientId, string clientSecret)
    {
        var client = settings.Clients.FirstOrDefault(c => string.Equals(c.ClientId, clientId, StringComparison.Ordinal));
        if (client is null)
        {
            return null;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(client.ClientSecret), Encoding.UTF8.GetBytes(clientSecret))
            ? client
            : null;
    }

    public TokenResponse Issue(ClientSettings client)
    {
        var now = settings.TimeProvider.GetUtcNow();
        RemoveExpired(now);

        // The early-expiry fault shortens the real lifetime only; expires_in still promises the configured one.
        var lifetime = faults.TokenLifetimeOverride ?? settings.TokenLifetimeSeconds;
        EvictOverCap();
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _tokens[token] = new IssuedToken(client, new HashSet<string>(client.Scopes, StringComparer.Ordinal), now.AddSeconds(lifetime));
        return new TokenResponse(token, "bearer", settings.TokenLifetimeSeconds);
    }

    public TokenCheck Check(string token, out IssuedToken? issued)
    {
        if (!_tokens.TryGetValue(token, out issued))
        {
            return TokenCheck.Unknown;
        }

        return settings.TimeProvider.GetUtcNow() >= issued.ExpiresAt ? TokenCheck.Expired : TokenCheck.Valid;
    }

    public void Clear() => _tokens.Clear();

    /// <summary>How many tokens are held now (expired ones still in their grace period included).</summary>
    public int Count => _tokens.Count;

    /// <summary>
    /// A client that asks for a token per request must not grow the table without end: at the cap, the tokens closest
    /// to expiry are forgotten first (their holders hear invalid.token and ask again).
    /// </summary>
    private void EvictOverCap()
    {
        var excess = _tokens.Count - settings.MaxIssuedTokens + 1;
        if (excess <= 0)
        {
            return;
        }

        foreach (var (token, _) in _tokens.OrderBy(t => t.Value.ExpiresAt).Take(excess).ToArray())
        {
            _tokens.TryRemove(token, out _);
        }
    }

    private void RemoveExpired(DateTimeOffset now)
    {
        // Kept a minute after expiry so that a caller just late hears "token.expired" rather than "invalid.token".
        foreach (var (token, issued) in _tokens)
        {
            if (issued.ExpiresAt.AddMinutes(1) < now)
            {
                _tokens.TryRemove(token, out _);
            }
        }
    }
}
