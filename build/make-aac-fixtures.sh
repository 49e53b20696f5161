#!/usr/bin/env bash
# Regenerates the AAC-LC decoder fixtures in tests/fixtures/aac/: ADTS streams made by ffmpeg's native AAC encoder,
# each chosen to exercise one part of the decoder (sampling rates, short blocks, M/S, intensity stereo, PNS, TNS),
# and beside each the 16-bit PCM that two independent reference decoders make of it:
#   NAME.ffmpeg.s16   ffmpeg -i NAME.aac -f s16le        (interleaved, little-endian)
#   NAME.faad.s16     faad -o x.wav NAME.aac, then sox to the stream's own channels and rate (see below)
# FAAD2's command line always prepares for implicitly signalled HE-AAC: it outputs mono as two equal channels (for
# Parametric Stereo) and, at 24 kHz and below, twice the sampling rate through its SBR QMF bank (even with no SBR
# data). So its output is reduced to the first channel(s) and, where it was doubled, resampled back with sox's very
# high quality, linear-phase resampler (99.7 % bandwidth); at those rates the FAAD2 reference carries the QMF bank's and the resampler's own error.
# FAAD2 and ffmpeg differ in their leading delay; tests align by cross-correlation.
# Perceptual noise substitution is random by nature: every fixture is encoded with it off (-aac_pns 0) except the
# PNS fixture, whose noise only ffmpeg's reference can match (this decoder uses the same LCG as ffmpeg's).
# Tests compare the managed decoder with these files, so they need neither program at test time.
# Needs ffmpeg, faad, sox and espeak-ng. CI never runs this: the generated files are committed.
# Usage: build/make-aac-fixtures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=tests/fixtures/aac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$out"
mkdir -p "$out"

ff() { ffmpeg -hide_banner -loglevel error -y "$@"; }
# encode SOURCE NAME RATE CHANNELS BITRATE [encoder options...]
encode() {
  local source=$1 name=$2 rate=$3 channels=$4 bitrate=$5; shift 5
  ff -i "$source" -ar "$rate" -ac "$channels" -c:a aac -profile:a aac_low -b:a "$bitrate" "$@" -f adts "$out/$name.aac"
  ff -i "$out/$name.aac" -f s16le -c:a pcm_s16le "$out/$name.ffmpeg.s16"
  faad -q -o "$work/$name.faad.wav" "$out/$name.aac"
  local remix="1"; [ "$channels" = 2 ] && remix="1 2"
  local resample=(); [ "$(soxi -r "$work/$name.faad.wav")" != "$rate" ] && resample=(rate -v -L -b 99.7 "$rate")
  # shellcheck disable=SC2086
  sox "$work/$name.faad.wav" -t s16 "$out/$name.faad.s16" remix $remix "${resample[@]}"
}

# Speech (espeak-ng), for the telephony rates.
espeak-ng -s 160 -w "$work/speech.wav" "Press one for sales."
# Clicks over a tone: sharp transients that make the encoder switch to eight short windows.
sox -n -r 48000 -c 1 "$work/click.wav" synth 0.004 square 1500 vol 0.9 pad 0 0.246 repeat 7
sox -n -r 48000 -c 1 "$work/bed.wav" synth 2 sine 330 vol 0.2
sox -m "$work/click.wav" "$work/bed.wav" "$work/clicks.wav" trim 0 2
# Castanet-like bursts of decaying noise: TNS shapes the noise of such transients in time.
sox -n -r 48000 -c 1 "$work/burst.wav" synth 0.03 whitenoise fade q 0 0.03 0.029 vol 0.8 pad 0 0.17 repeat 9
sox -m "$work/burst.wav" "$work/bed.wav" "$work/castanets.wav" trim 0 1
# Stereo with nearly identical channels (M/S) and with a panned copy (intensity stereo).
sox -n -r 48000 -c 2 "$work/stereo.wav" synth 0.7 sine 440 sine 443 vol 0.4
sox -n -r 48000 -c 1 "$work/chord.wav" synth 0.7 sine 220 sine 1760 sine 5200 sine 9000 vol 0.3 remix 1
sox "$work/chord.wav" -c 2 "$work/panned.wav" remix 1v0.8 1v0.3
# Noise-like content at a low bitrate, which the encoder codes with perceptual noise substitution.
sox -n -r 48000 -c 1 "$work/noise.wav" synth 1 pinknoise vol 0.3
# The same noise on both channels: with M/S on, the standard asks for one shared noise vector in both channels.
sox "$work/noise.wav" -c 2 "$work/noise2.wav" trim 0 0.5 remix 1v0.9 1v0.85

encode "$work/speech.wav" speech_8k_mono 8000 1 16k -aac_pns 0
encode "$work/speech.wav" speech_16k_mono 16000 1 32k -aac_pns 0 -aac_tns 1
encode "$work/clicks.wav" clicks_16k_mono 16000 1 48k -aac_pns 0
encode "$work/castanets.wav" castanets_44k_mono 44100 1 96k -aac_pns 0 -aac_tns 1
encode "$work/stereo.wav" tones_44k_stereo_ms 44100 2 128k -aac_pns 0 -aac_ms 1 -aac_is 0
encode "$work/panned.wav" chord_44k_stereo_is 44100 2 48k -aac_pns 0 -aac_is 1 -aac_ms 0
encode "$work/noise.wav" noise_44k_mono_pns 44100 1 32k -aac_pns 1
encode "$work/noise2.wav" noise_44k_stereo_pns_ms 44100 2 48k -aac_pns 1 -aac_ms 1
# ffmpeg's decoder gives the two channels independent noise (correlation ~0.95 here, where FAAD2 gives 1.0), so only
# FAAD2's decode serves as the reference for this one.
rm "$out/noise_44k_stereo_pns_ms.ffmpeg.s16"
encode "$work/speech.wav" speech_22k_mono 22050 1 32k -aac_pns 0
encode "$work/speech.wav" speech_32k_mono 32000 1 48k -aac_pns 0
encode "$work/speech.wav" speech_48k_mono 48000 1 48k -aac_pns 0

# HE-AAC (SBR) for the rejection test, when this ffmpeg has an encoder that makes it (libfdk_aac); the tests craft
# one otherwise.
if ffmpeg -hide_banner -encoders 2>/dev/null | grep -q libfdk_aac; then
  ff -i "$work/speech.wav" -ar 32000 -ac 1 -c:a libfdk_aac -profile:a aac_he -b:a 24k -f adts "$out/speech_32k_he.aac"
fi
ls -l "$out"
du -sh "$out"
