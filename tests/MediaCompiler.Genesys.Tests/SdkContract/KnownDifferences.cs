namespace MediaCompiler.Genesys.Tests.SdkContract;

/// <summary>A disagreement with the SDK we know of and keep for now, with the reason; matched by its exact place.</summary>
internal sealed record KnownDifference(string Where, string Reason);

/// <summary>
/// The one list of known differences between the SDK and our emulator or client. Each stays visible here (and in
/// docs/genesys-live-check.md) until it is fixed; a listed difference that is no longer seen fails
/// <see cref="SdkContractTests.Every_known_difference_is_still_seen"/>, so the list cannot go stale.
/// </summary>
internal static class KnownDifferences
{
    public static readonly IReadOnlyList<KnownDifference> All =
    [
        new("emulator GET /api/v2/architect/prompts as purecloud-platform-client-v2 sends it (name=SdkWire_a&language=en-us,fr-fr)",
            "The JavaScript SDK joins several languages as language=a,b (as it joins names, which the emulator now splits): the emulator takes the joined value as one language code and returns no resource. Our "
            + "client never sends language (it reads every resource), so builds are unaffected; the emulator should split it like name."),
    ];

    public static bool IsKnown(ContractDifference difference) => All.Any(k => string.Equals(k.Where, difference.Where, StringComparison.Ordinal));
}
