namespace MediaCompiler.Genesys.Tests.SdkContract;

/// <summary>
/// One place where we and the SDK disagree. <paramref name="Where"/> is stable across runs (a route template and a
/// JSON path with <c>[]</c> for any array index), so a known difference can be listed by it.
/// </summary>
internal sealed record ContractDifference(string Where, string SdkSays, string WeDo)
{
    public override string ToString() => $"{Where}: the SDK says {SdkSays}; we {WeDo}";
}
