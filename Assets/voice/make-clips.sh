#!/usr/bin/env bash
# Makes the announcement clips in Assets/voice/{id,en}/ and the chime, from espeak-ng and sox.
# The word list comes from Displays/js/numwords.js so that every clip the pages can ask for
# exists. The voices are intelligible placeholders: a hall replaces these files with
# recordings of the same names (mono Ogg Vorbis) without touching any code.
#
# Usage: Assets/voice/make-clips.sh        (needs espeak-ng, sox with Vorbis, node)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rate=16000
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Trim leading and trailing silence, mono, 16 kHz, low-quality Vorbis: speech stays clear
# and each clip is a few kilobytes.
finish() { # finish IN.wav OUT.ogg
  sox "$1" -r "$rate" -c 1 -C 0 "$2" \
    silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse \
    pad 0 0.04 norm -1
}

say() { # say LANG VOICE NAME TEXT
  local lang="$1" voice="$2" name="$3" text="$4"
  espeak-ng -v "$voice" -s 140 -w "$tmp/$name.wav" "$text"
  finish "$tmp/$name.wav" "$here/$lang/$name.ogg"
}

words() { # words LANG: one word clip name a line
  node --input-type=module -e "
    import { vocabulary } from '$root/Displays/js/numwords.js';
    console.log(vocabulary('$1').join('\n'));"
}

rm -rf "$here/id" "$here/en"
mkdir -p "$here/id" "$here/en"

# Indonesian: phrases, letter names as Indonesians spell them, number words.
say id id nomor_antrean "nomor antrean"
say id id silakan_menuju_loket "silakan menuju loket"
id_letters=(a be ce de e ef ge ha i je ka el em en o pe ki er es te u fe we eks ye zet)
i=0
for l in {a..z}; do
  say id id "letter_$l" "${id_letters[$i]}"
  i=$((i + 1))
done
while read -r w; do say id id "$w" "$w"; done < <(words id)

# English.
say en en queue_number "queue number"
say en en please_go_to_counter "please go to counter"
en_letters=(ay bee see dee ee eff jee aitch eye jay kay ell em en oh pee cue ar ess tee you vee
  "double you" ex why zed)
i=0
for l in {a..z}; do
  say en en "letter_$l" "${en_letters[$i]}"
  i=$((i + 1))
done
while read -r w; do say en en "$w" "$w"; done < <(words en)

# The chime: a two-note "ding-dong", soft attack, long decay.
sox -n -r 22050 -c 1 "$tmp/ding.wav" synth 0.55 sine 659.25 sine 1318.5 remix - fade q 0.01 0.55 0.45
sox -n -r 22050 -c 1 "$tmp/dong.wav" synth 1.1 sine 523.25 sine 1046.5 remix - fade q 0.01 1.1 1.0
sox "$tmp/ding.wav" "$tmp/dong.wav" -C 2 "$here/chime.ogg" norm -3 pad 0 0.15

echo "made $(find "$here" -name '*.ogg' | wc -l) clips, $(du -sh "$here" | cut -f1) in $here"
