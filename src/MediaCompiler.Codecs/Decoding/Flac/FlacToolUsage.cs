namespace MediaCompiler.Codecs.Decoding.Flac;

/// <summary>The coding tools of the format that a decode can meet, counted so that tests can show what they covered.</summary>
internal enum FlacTool
{
    Constant,
    Verbatim,
    Fixed0,
    Fixed1,
    Fixed2,
    Fixed3,
    Fixed4,
    Lpc,
    WastedBits,
    Rice,
    Rice2,
    EscapedPartition,
    Independent,
    LeftSide,
    RightSide,
    MidSide,
    VariableBlockSize,
}

/// <summary>How often each <see cref="FlacTool"/> was decoded, and the highest LPC order met (for tests).</summary>
internal sealed class FlacToolUsage
{
    private readonly Dictionary<FlacTool, int> _counts = [];

    public int HighestLpcOrder { get; private set; }

    public int this[FlacTool tool] => _counts.GetValueOrDefault(tool);

    public void Count(FlacTool tool, int lpcOrder = 0)
    {
        _counts[tool] = this[tool] + 1;
        HighestLpcOrder = Math.Max(HighestLpcOrder, lpcOrder);
    }

    public void Add(FlacToolUsage other)
    {
        foreach (var (tool, count) in other._counts)
        {
            _counts[tool] = this[tool] + count;
        }

        HighestLpcOrder = Math.Max(HighestLpcOrder, other.HighestLpcOrder);
    }

    public override string ToString() =>
        string.Join(", ", _counts.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key} {pair.Value}")) + $", LPC order up to {HighestLpcOrder}";
}
