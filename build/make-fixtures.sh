#!/usr/bin/env bash
# Regenerates the audio fixture corpus in tests/fixtures/audio/ with real encoders (ffmpeg, sox, espeak-ng), then
# records what ffprobe says about each file, beside the verdict the prompt rules must reach, in expected.json.
# Needs ffmpeg/ffprobe, sox, espeak-ng and python3. CI never runs this: the generated files are committed.
# Usage: build/make-fixtures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=tests/fixtures/audio
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$out"
mkdir -p "$out"

ff() { ffmpeg -hide_banner -loglevel error -y "$@"; }
# A short test signal: a tone with a little noise, so that encoders have something to code. $1 = seconds.
tone() { echo "sine=frequency=440:sample_rate=48000:duration=$1"; }
src() { ff -f lavfi -i "$(tone "$1")" -f lavfi -i "anoisesrc=r=48000:a=0.05:d=$1:seed=7" \
          -filter_complex amix=inputs=2:duration=shortest "$2"; }

src 1.0 "$work/tone1.wav"
src 0.4 "$work/tone04.wav"
espeak-ng -w "$work/speech.wav" "Press one for sales."

# ---------- WAV: accepted ----------
ff -i "$work/tone1.wav" -ar 8000 -ac 1 -c:a pcm_s16le "$out/pcm16_8k_mono.wav"
ff -i "$work/tone1.wav" -ar 16000 -ac 1 -c:a pcm_s16le "$out/pcm16_16k_mono.wav"
ff -i "$work/tone1.wav" -ar 8000 -ac 1 -c:a pcm_mulaw "$out/mulaw_8k_mono.wav"
ff -i "$work/tone1.wav" -ar 8000 -ac 1 -c:a pcm_alaw "$out/alaw_8k_mono.wav"
ff -i "$work/speech.wav" -ar 16000 -ac 1 -c:a pcm_s16le "$out/speech_16k_mono.wav"
ff -i "$work/tone04.wav" -ar 8000 -ac 1 -c:a pcm_s16le -rf64 always "$out/rf64_8k_mono.wav"
sox "$work/tone04.wav" -r 8000 -c 1 -b 16 -e signed-integer -B -t wav "$out/rifx_8k_mono.wav"
# The content (16 kHz) contradicts the name's hint (8000Hz): a warning, the content wins.
ff -i "$work/tone04.wav" -ar 16000 -ac 1 -c:a pcm_s16le "$out/prompt_8000Hz.wav"

# ---------- WAV: rejected ----------
ff -i "$work/tone04.wav" -ar 44100 -ac 2 -c:a pcm_s16le "$out/pcm16_44k_stereo.wav"
ff -i "$work/tone04.wav" -ar 44100 -ac 2 -c:a pcm_f32le "$out/float_44k_stereo.wav"
ff -i "$work/tone04.wav" -ar 16000 -ac 1 -c:a pcm_s24le "$out/pcm24_16k_mono.wav"
ff -i "$work/tone04.wav" -ar 8000 -ac 1 -c:a pcm_u8 "$out/pcm8_8k_mono.wav"
ff -i "$work/tone04.wav" -ar 8000 -ac 1 -c:a adpcm_ms "$out/adpcm_ms_8k_mono.wav"
ff -i "$work/tone04.wav" -ar 8000 -ac 1 -c:a adpcm_ima_wav "$out/adpcm_ima_8k_mono.wav"
ff -i "$work/tone04.wav" -ar 8000 -ac 1 -c:a libgsm_ms "$out/gsm_8k_mono.wav"
ff -i "$work/tone04.wav" -ar 16000 -ac 1 -c:a g722 "$out/g722_16k_mono.wav"
ff -i "$work/tone04.wav" -ar 22050 -ac 1 -c:a pcm_s16le "$out/pcm16_22k_mono.wav"
# Just over the 2 MiB limit (66 s of 16 kHz PCM): valid audio, too big.
ff -f lavfi -i "sine=frequency=300:sample_rate=16000:duration=66" -ac 1 -c:a pcm_s16le "$out/too_big_16k_mono.wav"

# ---------- WAV: structure edge cases (byte surgery on real files) ----------
python3 - "$out" <<'PY'
import struct, sys, os
out = sys.argv[1]
def chunks(path):
    b = open(path, 'rb').read()
    assert b[:4] == b'RIFF' and b[8:12] == b'WAVE'
    pos, found = 12, {}
    while pos + 8 <= len(b):
        cid, size = b[pos:pos+4], struct.unpack('<I', b[pos+4:pos+8])[0]
        found.setdefault(cid, b[pos+8:pos+8+size])
        pos += 8 + size + (size & 1)
    return found
def chunk(cid, payload):
    return cid + struct.pack('<I', len(payload)) + payload + (b'\0' if len(payload) & 1 else b'')
def riff(*parts, claimed=None):
    body = b'WAVE' + b''.join(parts)
    return b'RIFF' + struct.pack('<I', len(body) if claimed is None else claimed) + body
def write(name, data):
    open(os.path.join(out, name), 'wb').write(data)

c = chunks(os.path.join(out, 'pcm16_8k_mono.wav'))
fmt, data = c[b'fmt '], c[b'data']
listinfo = b'INFO' + chunk(b'INAM', b'Main menu\0') + chunk(b'ISFT', b'make-fixtures\0')
bext = b'IVR prompt'.ljust(256, b'\0') + b'\0' * 346
# JUNK first, fmt, an odd-sized unknown chunk with its pad byte, bext, LIST, then data, then a trailing LIST.
write('chunks_8k_mono.wav', riff(chunk(b'JUNK', b'\0' * 28), chunk(b'fmt ', fmt), chunk(b'odd ', b'abc'),
      chunk(b'bext', bext), chunk(b'LIST', listinfo), chunk(b'data', data), chunk(b'LIST', listinfo)))
# The data chunk before the fmt chunk, with a fact chunk between.
write('data_before_fmt_8k_mono.wav', riff(chunk(b'data', data), chunk(b'fact', struct.pack('<I', len(data) // 2)),
      chunk(b'fmt ', fmt)))
# WAVE_FORMAT_EXTENSIBLE holding 16-bit PCM (KSDATAFORMAT_SUBTYPE_PCM).
tag, ch, rate, brate, align, bits = struct.unpack('<HHIIHH', fmt[:16])
guid_pcm = bytes.fromhex('0100000000001000800000aa00389b71')
ext = struct.pack('<HHIIHHHHI', 0xFFFE, ch, rate, brate, align, bits, 22, bits, 0x4) + guid_pcm
c16 = chunks(os.path.join(out, 'pcm16_16k_mono.wav'))
tag, ch, rate, brate, align, bits = struct.unpack('<HHIIHH', c16[b'fmt '][:16])
ext16 = struct.pack('<HHIIHHHHI', 0xFFFE, ch, rate, brate, align, bits, 22, bits, 0x4) + guid_pcm
write('extensible_pcm16_16k_mono.wav', riff(chunk(b'fmt ', ext16), chunk(b'data', c16[b'data'])))
# Cut halfway through the samples: the data chunk claims more than the file holds.
whole = open(os.path.join(out, 'pcm16_8k_mono.wav'), 'rb').read()
write('truncated_8k_mono.wav', whole[:len(whole) // 2])
# No data chunk at all; a zero-byte data chunk; a fmt chunk cut to 10 bytes.
write('no_data_chunk.wav', riff(chunk(b'fmt ', fmt), chunk(b'LIST', listinfo)))
write('zero_data_8k_mono.wav', riff(chunk(b'fmt ', fmt), chunk(b'data', b'')))
write('cut_fmt_chunk.wav', riff(chunk(b'fmt ', fmt[:10]), chunk(b'data', data)))
# Not audio at all: empty, random bytes (fixed seed), text.
write('empty.wav', b'')
import random
rnd = random.Random(20261124)
write('random_bytes.mp3', bytes(rnd.getrandbits(8) for _ in range(4096)))
write('text_file.ogg', b'This is not an Ogg file, it is a note about prompts.\n' * 20)
PY

# ---------- MP3 ----------
ff -i "$work/tone1.wav" -ar 16000 -ac 1 -c:a libmp3lame -b:a 64k "$out/cbr64_16k_mono.mp3"
ff -i "$work/tone1.wav" -ar 8000 -ac 1 -c:a libmp3lame -b:a 64k "$out/cbr64_8k_mono.mp3"
ff -i "$work/tone1.wav" -ar 16000 -ac 1 -c:a libmp3lame -b:a 128k -write_xing 0 "$out/cbr128_16k_mono_noxing.mp3"
ff -i "$work/tone1.wav" -ar 16000 -ac 1 -c:a libmp3lame -b:a 96k -metadata title="Main menu" -id3v2_version 4 \
   -write_id3v1 1 "$out/id3_cbr96_16k_mono.mp3"
ff -i "$work/speech.wav" -ar 16000 -ac 1 -c:a libmp3lame -q:a 0 "$out/vbr_16k_mono.mp3"
ff -i "$work/tone1.wav" -ar 16000 -ac 1 -c:a libmp3lame -b:a 32k "$out/cbr32_16k_mono.mp3"
ff -i "$work/tone1.wav" -ar 16000 -ac 1 -c:a libmp3lame -b:a 160k "$out/cbr160_16k_mono.mp3"
ff -i "$work/tone1.wav" -ar 11025 -ac 1 -c:a libmp3lame -b:a 64k "$out/cbr64_11k_mono.mp3"
ff -i "$work/tone04.wav" -ar 44100 -ac 2 -c:a libmp3lame -b:a 128k "$out/mpeg1_44k_stereo.mp3"
ff -i "$work/tone04.wav" -ar 16000 -ac 1 -c:a mp2 -b:a 64k -f mp2 "$out/layer2_16k_mono.mp3"
# Content 8 kHz, name says 16000hz.
ff -i "$work/tone04.wav" -ar 8000 -ac 1 -c:a libmp3lame -b:a 64k "$out/menu-16000hz.mp3"

# ---------- AAC (ADTS) ----------
ff -i "$work/tone1.wav" -ar 16000 -ac 1 -c:a aac -b:a 96k -f adts "$out/aac_96k_16k_mono.aac"
ff -i "$work/tone1.wav" -ar 16000 -ac 1 -c:a aac -b:a 32k -f adts "$out/aac_32k_16k_mono.aac"
ff -i "$work/tone1.wav" -ar 8000 -ac 1 -c:a aac -b:a 64k -f adts "$out/aac_8k_mono.aac"
ff -i "$work/tone04.wav" -ar 16000 -ac 1 -c:a aac -b:a 64k -f ipod "$out/m4a_named.aac"

# ---------- Ogg ----------
ff -i "$work/tone1.wav" -ar 16000 -ac 1 -c:a libvorbis -q:a 3 "$out/vorbis_16k_mono.ogg"
ff -i "$work/tone1.wav" -ar 16000 -ac 1 -c:a libopus -b:a 32k -f ogg "$out/opus_16k_mono.ogg"
ff -i "$work/tone04.wav" -ar 16000 -ac 1 -c:a flac -f ogg "$out/flac_16k_mono.ogg"
ff -i "$work/tone04.wav" -ar 16000 -ac 1 -c:a libspeex -f ogg "$out/speex_16k_mono.ogg"
ff -i "$work/tone04.wav" -ar 44100 -ac 2 -c:a libvorbis -q:a 0 "$out/vorbis_44k_stereo.ogg"

# ---------- The wrong format behind the extension ----------
ff -i "$work/tone04.wav" -ar 16000 -ac 1 -c:a flac -f flac "$out/flac_named.wav"
ff -i "$work/tone04.wav" -ar 16000 -ac 1 -c:a libmp3lame -b:a 64k -f mp3 "$out/mp3_named.wav"
ff -i "$work/tone04.wav" -ar 16000 -ac 1 -c:a libvorbis -f ogg "$out/ogg_named.mp3"
ff -i "$work/tone04.wav" -ar 16000 -ac 1 -c:a pcm_s16le -f wav "$out/wav_named.aac"
ff -i "$work/tone04.wav" -ar 16000 -ac 1 -c:a flac "$out/prompt_16k_mono.flac"

# ---------- What real tools write that parsers misread (issue #10) ----------
# ffmpeg writing to a pipe cannot seek back: RIFF and data sizes stay 0xFFFFFFFF. Read to the end, with a note.
ff -i "$work/tone04.wav" -ar 8000 -ac 1 -c:a pcm_s16le -f wav - > "$out/pipe_ffmpeg_8k_mono.wav"
# espeak-ng --stdout declares a data size of 0x7FFFF000; 22,050 Hz, so rejected for its rate only (not as truncated).
espeak-ng --stdout "Press two for support." > "$out/espeak_stdout_22k_mono.wav"
# LAME at exactly 64 kbps CBR, 44.1 kHz, no Info tag (-t): padded frames average 63,998 b/s; the nominal rate counts.
sox "$work/tone1.wav" -r 44100 -c 1 -b 16 "$work/tone1_44k.wav"
lame --quiet -t -b 64 --cbr -m m "$work/tone1_44k.wav" "$out/lame_cbr64_44k_mono.mp3"
# Only an ID3v2 tag, no frames: no audio, not "truncated".
ff -f lavfi -i anullsrc=r=16000:cl=mono -t 0 -c:a libmp3lame -write_xing 0 -metadata title="Main menu" "$out/id3_only.mp3"
# Vorbis with cover art in a METADATA_BLOCK_PICTURE comment (a FLAC picture block in base64, as tag editors write it):
# the comment header spans many pages, which must not count towards the bitrate.
ff -f lavfi -i "nullsrc=s=96x96,geq=lum='random(1)*255':cb=128:cr=128" -frames:v 1 "$work/cover.png"
picture=$(python3 - "$work/cover.png" <<'PY'
import base64, struct, sys
png = open(sys.argv[1], 'rb').read()
mime, desc = b'image/png', b'Cover'
block = struct.pack('>I', 3) + struct.pack('>I', len(mime)) + mime + struct.pack('>I', len(desc)) + desc \
    + struct.pack('>IIII', 96, 96, 24, 0) + struct.pack('>I', len(png)) + png
print(base64.b64encode(block).decode())
PY
)
ff -i "$work/tone1.wav" -ar 16000 -ac 1 -c:a libvorbis -q:a 3 -metadata "METADATA_BLOCK_PICTURE=$picture" "$out/vorbis_cover_16k_mono.ogg"
# Opus made from 24 kHz audio: OpusHead says 24000 (judged, so rejected), the stream decodes at 48 kHz.
ff -i "$work/tone1.wav" -ar 24000 -ac 1 -c:a libopus -b:a 32k -f ogg "$out/opus_from_24k_mono.ogg"
# RIFX with WAVE_FORMAT_EXTENSIBLE (sox writes it for 24-bit): the sub-format GUID's fields are big-endian.
sox "$work/tone04.wav" -r 8000 -c 1 -b 24 -e signed-integer -B -t wav "$out/rifx_extensible_pcm24_8k_mono.wav"

# ---------- What browsers and broadcast tools write: refused, but decoded in-process, so fix needs no ffmpeg ----------
# A live WebM/Opus recording as a browser's MediaRecorder makes one: unknown Segment size, no Duration, no Cues.
ff -i "$work/tone1.wav" -ar 48000 -ac 1 -c:a libopus -b:a 32k -live 1 -f webm "$out/mediarecorder_48k_mono.webm"
# MPEG audio inside a WAV: Layer II (0x0050, broadcast WAV) and Layer III (0x0055, ACM MP3).
ff -i "$work/tone04.wav" -ar 16000 -ac 1 -c:a mp2 -b:a 64k -f wav "$out/mp2_in_wav_16k_mono.wav"
ff -i "$work/tone04.wav" -ar 16000 -ac 1 -c:a libmp3lame -b:a 64k -f wav "$out/mp3_in_wav_16k_mono.wav"
# AIFF (Mac tools and voice talent deliver it): big-endian PCM, the rate an 80-bit float.
ff -i "$work/tone04.wav" -ar 16000 -ac 1 -c:a pcm_s16be -f aiff "$out/aiff_pcm16_16k_mono.aiff"
# Core Audio Format, as macOS's afrecord and afconvert write by default.
ff -i "$work/tone04.wav" -ar 16000 -ac 1 -c:a pcm_s16le -f caf "$out/caf_pcm16_16k_mono.caf"
# Sun/NeXT AU, the mu-law file of Unix and Java voice systems.
ff -i "$work/tone04.wav" -ar 8000 -ac 1 -c:a pcm_mulaw -f au "$out/au_mulaw_8k_mono.au"
# Asterisk's headerless mu-law sound file (FreePBX's prompt libraries): the extension is the only description.
ff -i "$work/tone04.wav" -ar 8000 -ac 1 -f mulaw "$out/asterisk_8k_mono.ulaw"

# ---------- expected.json: ffprobe's view plus the verdict the rules must reach ----------
python3 - "$out" <<'PY'
import json, os, subprocess, sys
out = sys.argv[1]
# file -> (accepted?, sorted codes the validator must report). See DiagnosticCatalog.Audio.cs for the codes.
verdicts = {
  'pcm16_8k_mono.wav': (True, []), 'pcm16_16k_mono.wav': (True, []), 'mulaw_8k_mono.wav': (True, []),
  'alaw_8k_mono.wav': (True, []), 'speech_16k_mono.wav': (True, []), 'rf64_8k_mono.wav': (True, []),
  'rifx_8k_mono.wav': (True, []), 'prompt_8000Hz.wav': (True, ['IVR1109']),
  'chunks_8k_mono.wav': (True, []), 'data_before_fmt_8k_mono.wav': (True, []),
  'extensible_pcm16_16k_mono.wav': (True, []),
  'pcm16_44k_stereo.wav': (False, ['IVR1103', 'IVR1104']),
  'float_44k_stereo.wav': (False, ['IVR1103', 'IVR1104', 'IVR1105']),
  'pcm24_16k_mono.wav': (False, ['IVR1105']), 'pcm8_8k_mono.wav': (False, ['IVR1105']),
  'adpcm_ms_8k_mono.wav': (False, ['IVR1105']), 'adpcm_ima_8k_mono.wav': (False, ['IVR1105']),
  'gsm_8k_mono.wav': (False, ['IVR1105']), 'g722_16k_mono.wav': (False, ['IVR1105']),
  'pcm16_22k_mono.wav': (False, ['IVR1103']), 'too_big_16k_mono.wav': (False, ['IVR1102']),
  'truncated_8k_mono.wav': (False, ['IVR1005']), 'no_data_chunk.wav': (False, ['IVR1007']),
  'zero_data_8k_mono.wav': (False, ['IVR1008']), 'cut_fmt_chunk.wav': (False, ['IVR1006']),
  'empty.wav': (False, ['IVR1002']), 'random_bytes.mp3': (False, ['IVR1003']), 'text_file.ogg': (False, ['IVR1003']),
  'cbr64_16k_mono.mp3': (True, []), 'cbr64_8k_mono.mp3': (True, []), 'cbr128_16k_mono_noxing.mp3': (True, []),
  'id3_cbr96_16k_mono.mp3': (True, []), 'vbr_16k_mono.mp3': (True, []),
  'cbr32_16k_mono.mp3': (False, ['IVR1106']), 'cbr160_16k_mono.mp3': (False, ['IVR1106']),
  'cbr64_11k_mono.mp3': (False, ['IVR1103']), 'mpeg1_44k_stereo.mp3': (False, ['IVR1103', 'IVR1104']),
  'layer2_16k_mono.mp3': (False, ['IVR1108']), 'menu-16000hz.mp3': (True, ['IVR1109']),
  'aac_96k_16k_mono.aac': (True, []), 'aac_32k_16k_mono.aac': (False, ['IVR1106']),
  'aac_8k_mono.aac': (False, ['IVR1106']), 'm4a_named.aac': (False, ['IVR1004']),
  'vorbis_16k_mono.ogg': (True, []), 'opus_16k_mono.ogg': (True, []), 'flac_16k_mono.ogg': (False, ['IVR1107']),
  'speex_16k_mono.ogg': (False, ['IVR1107']), 'vorbis_44k_stereo.ogg': (False, ['IVR1103', 'IVR1104']),
  'flac_named.wav': (False, ['IVR1004']), 'mp3_named.wav': (False, ['IVR1004']), 'ogg_named.mp3': (False, ['IVR1004']),
  'wav_named.aac': (False, ['IVR1004']), 'prompt_16k_mono.flac': (False, ['IVR1101']),
  'pipe_ffmpeg_8k_mono.wav': (True, ['IVR1011']), 'espeak_stdout_22k_mono.wav': (False, ['IVR1011', 'IVR1103']),
  'lame_cbr64_44k_mono.mp3': (False, ['IVR1103']), 'id3_only.mp3': (False, ['IVR1008']),
  'vorbis_cover_16k_mono.ogg': (True, []), 'opus_from_24k_mono.ogg': (False, ['IVR1103']),
  'rifx_extensible_pcm24_8k_mono.wav': (False, ['IVR1105']),
  'mediarecorder_48k_mono.webm': (False, ['IVR1101', 'IVR1103']), 'mp2_in_wav_16k_mono.wav': (False, ['IVR1105']),
  'mp3_in_wav_16k_mono.wav': (False, ['IVR1105']), 'aiff_pcm16_16k_mono.aiff': (False, ['IVR1101']),
  'caf_pcm16_16k_mono.caf': (False, ['IVR1101']), 'au_mulaw_8k_mono.au': (False, ['IVR1101']),
  'asterisk_8k_mono.ulaw': (False, ['IVR1101']),
}
result = {}
for name in sorted(os.listdir(out)):
    if name == 'expected.json':
        continue
    path = os.path.join(out, name)
    probe = subprocess.run(['ffprobe', '-v', 'quiet', '-show_streams', '-show_format', '-of', 'json', path],
                           capture_output=True, text=True)
    info = json.loads(probe.stdout or '{}')
    streams = [s for s in info.get('streams', []) if s.get('codec_type') == 'audio']
    fmt = info.get('format', {})
    entry = {'size': os.path.getsize(path)}
    if streams:
        s = streams[0]
        num = lambda v, f: f(v) if v not in (None, 'N/A') else None
        entry['ffprobe'] = {
            'format_name': fmt.get('format_name'), 'codec_name': s.get('codec_name'),
            'sample_rate': num(s.get('sample_rate'), int), 'channels': s.get('channels'),
            'bits_per_sample': s.get('bits_per_sample') or None,
            'stream_bit_rate': num(s.get('bit_rate'), int), 'format_bit_rate': num(fmt.get('bit_rate'), int),
            'duration': num(s.get('duration') or fmt.get('duration'), float),
        }
    if fmt.get('format_name') == 'ogg' and streams:
        # An oracle for the audio bitrate independent of our page walk: ffprobe's packet sizes over the duration.
        packets = subprocess.run(['ffprobe', '-v', 'quiet', '-select_streams', 'a:0', '-show_entries', 'packet=size',
                                  '-of', 'csv=p=0', path], capture_output=True, text=True).stdout.replace(',', ' ').split()
        duration = entry['ffprobe']['duration']
        if duration:
            entry['ffprobe']['packet_bit_rate'] = round(sum(int(p) for p in packets) * 8 / duration)
    accepted, codes = verdicts[name]
    if accepted is not None:
        entry['accepted'] = accepted
        entry['codes'] = codes
    result[name] = entry
with open(os.path.join(out, 'expected.json'), 'w') as f:
    json.dump(result, f, indent=1, sort_keys=True)
    f.write('\n')
PY
echo "fixtures: $(ls "$out" | wc -l) files, $(du -sh "$out" | cut -f1)"
