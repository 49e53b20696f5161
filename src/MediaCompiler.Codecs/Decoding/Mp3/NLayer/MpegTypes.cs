// Vendored from NLayer 2.0.0 (https://github.com/naudio/NLayer, MIT licence, (c) Mark Heath, Andrew Ward &
// Contributors), trimmed to what the layer decoders read; our changes are marked "MediaCompiler:".
// The full licence text is LICENSE.txt in this folder.

namespace MediaCompiler.Codecs.Decoding.Mp3.NLayer
{
    // MediaCompiler: internal, and only the members the layer decoders use. Frames come from our own frame
    // walker (Mp3FrameBits), not from NLayer's stream reader.
    interface IMpegFrame
    {
        int SampleRate { get; }
        int FrameLength { get; }
        int BitRate { get; } // MediaCompiler: bits per second; Layer II picks its allocation table by it
        MpegVersion Version { get; }
        MpegChannelMode ChannelMode { get; }
        int ChannelModeExtension { get; }
        bool HasCrc { get; }
        int ReadBits(int bitCount);
    }

    enum MpegVersion
    {
        Unknown = 0,
        Version1 = 10,
        Version2 = 20,
        Version25 = 25,
    }

    // The order is the header's two mode bits.
    enum MpegChannelMode
    {
        Stereo,
        JointStereo,
        DualChannel,
        Mono,
    }

    enum StereoMode
    {
        Both,
        LeftOnly,
        RightOnly,
        DownmixToMono,
    }
}
