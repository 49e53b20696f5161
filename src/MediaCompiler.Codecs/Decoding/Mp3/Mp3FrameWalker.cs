namespace MediaCompiler.Codecs.Decoding.Mp3;

/// <summary>
/// The frames of one layer (Layer III unless told) of a file, in order, from the first audio frame: each where the
/// previous one ends. Where the
/// bytes there are not a frame of the stream (a damaged stretch, a trailing ID3v1/APE tag), it searches on for a frame
/// header of the stream's sample rate that is followed by another such header (or by the end of the file), so that
/// four bytes of noise that happen to look like a header do not pass for a frame. In a free-format stream every frame
/// has the first one's unpadded length (<see cref="MpegAudioFrame.FreeFormatBytes"/>).
/// </summary>
internal static class Mp3FrameWalker
{
    public static IEnumerable<(int Offset, MpegAudioFrame Frame)> Frames(byte[] content, int firstFrame, int sampleRate, int freeFormatBytes = 0, int layer = 3)
    {
        int position = firstFrame;
        bool inStep = true;
        while (position + MpegAudioFrame.HeaderSize <= content.Length)
        {
            if (IsFrame(content, position, sampleRate, freeFormatBytes, layer, out var frame) && (inStep || IsFollowedByFrame(content, position + frame.Length, sampleRate, freeFormatBytes, layer)))
            {
                yield return (position, frame);
                position += frame.Length;
                inStep = true;
            }
            else
            {
                position++;
                inStep = false;
            }
        }
    }

    private static bool IsFrame(byte[] content, int position, int sampleRate, int freeFormatBytes, int layer, out MpegAudioFrame frame) =>
        MpegAudioFrame.TryParse(content.AsSpan(position), out frame, freeFormatBytes, layer) && frame.SampleRate == sampleRate
        && position + frame.Length <= content.Length && frame.Length >= MpegAudioFrame.HeaderSize + (frame.HasCrc ? 2 : 0) + frame.SideInfoSize;

    private static bool IsFollowedByFrame(byte[] content, int next, int sampleRate, int freeFormatBytes, int layer) =>
        next + MpegAudioFrame.HeaderSize > content.Length
        || (MpegAudioFrame.TryParse(content.AsSpan(next), out var following, freeFormatBytes, layer) && following.SampleRate == sampleRate);
}
