namespace MediaCompiler.Codecs.Decoding.Flac;

/// <summary>Undoes a frame's inter-channel decorrelation (RFC 9639 section 4.2), in place, giving left and right.</summary>
internal static class FlacStereo
{
    /// <param name="first">Channel 0 as coded: left, side (right-side) or mid.</param>
    /// <param name="second">Channel 1 as coded: right or side (empty for a mono frame).</param>
    public static void Restore(FlacChannelAssignment assignment, Span<int> first, Span<int> second)
    {
        switch (assignment)
        {
            case FlacChannelAssignment.LeftSide:
                // right = left - side
                for (int i = 0; i < first.Length; i++)
                {
                    second[i] = first[i] - second[i];
                }

                break;
            case FlacChannelAssignment.RightSide:
                // left = side + right
                for (int i = 0; i < first.Length; i++)
                {
                    first[i] += second[i];
                }

                break;
            case FlacChannelAssignment.MidSide:
                // The encoder halved left + right, dropping its lowest bit, which equals the side's lowest bit.
                for (int i = 0; i < first.Length; i++)
                {
                    int side = second[i];
                    int mid = (first[i] << 1) | (side & 1);
                    first[i] = (mid + side) >> 1;
                    second[i] = (mid - side) >> 1;
                }

                break;
        }
    }

    public static FlacTool Tool(FlacChannelAssignment assignment) => assignment switch
    {
        FlacChannelAssignment.LeftSide => FlacTool.LeftSide,
        FlacChannelAssignment.RightSide => FlacTool.RightSide,
        FlacChannelAssignment.MidSide => FlacTool.MidSide,
        _ => FlacTool.Independent,
    };
}
