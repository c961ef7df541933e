#!/usr/bin/env bash
# Makes the announcement clips in Assets/voice/{id,en}/ and the chime, from espeak-ng and sox.
# The word list comes from Displays/js/numwords.js so that every clip the pages can ask for
# exists. The voices are intelligible placeholders: a hall replaces these files with
# recordings of the same names (mono Ogg Vorbis) without touching any code.
#
# {id,en}/quick/ holds the words a backlog is said with (letters, digits, counter numbers and
# "loket"/"counter"), spoken briskly and trimmed close, so that ten calls in a rush are all
# heard within about 20 s. A hall with recordings can derive its own from them with
# `--quick-from-clips` (sox's pitch-keeping tempo), or record them briskly under those names.
#
# Usage: Assets/voice/make-clips.sh                   (needs espeak-ng, sox with Vorbis, node)
#        Assets/voice/make-clips.sh --quick-from-clips (needs sox: remakes only quick/)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rate=16000
# Words a minute: the normal voice is unhurried; the quick one about 1.5 times as brisk, as
# fast as espeak-ng stays clear on single words (much faster and it swallows final consonants).
normal_wpm=140
quick_wpm=210
# For --quick-from-clips: as brisk as quick_wpm is against normal_wpm.
quick_tempo=1.45
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Trim leading and trailing silence, mono, 16 kHz, low-quality Vorbis: speech stays clear
# and each clip is a few kilobytes.
finish() { # finish IN.wav OUT.ogg
  sox "$1" -r "$rate" -c 1 -C 0 "$2" \
    silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse \
    pad 0 0.04 norm -1
}

# The quick words: the same, with less of a tail (the page leaves its own short gap).
finish_quick() { # finish_quick IN OUT.ogg [sox effect…]
  local in="$1" out="$2"
  shift 2
  sox "$in" -r "$rate" -c 1 -C 0 "$out" "$@" \
    silence 1 0.01 0.5% reverse silence 1 0.01 0.5% reverse \
    pad 0 0.02 norm -1
}

say() { # say LANG VOICE NAME TEXT
  local lang="$1" voice="$2" name="$3" text="$4"
  espeak-ng -v "$voice" -s "$normal_wpm" -w "$tmp/$name.wav" "$text"
  finish "$tmp/$name.wav" "$here/$lang/$name.ogg"
}

say_quick() { # say_quick LANG VOICE NAME TEXT
  local lang="$1" voice="$2" name="$3" text="$4"
  espeak-ng -v "$voice" -s "$quick_wpm" -w "$tmp/q_$name.wav" "$text"
  finish_quick "$tmp/q_$name.wav" "$here/$lang/quick/$name.ogg"
}

# The quick clips that have a normal clip of the same name: a letter_* clip for each letter
# and every vocabulary word (the digits are among them).
quick_names() { # quick_names LANG
  for l in {a..z}; do echo "letter_$l"; done
  words "$1"
}

words() { # words LANG: one word clip name a line
  node --input-type=module -e "
    import { vocabulary } from '$root/Displays/js/numwords.js';
    console.log(vocabulary('$1').join('\n'));"
}

if [ "${1:-}" = --quick-from-clips ]; then
  for lang in id en; do
    mkdir -p "$here/$lang/quick"
    while read -r name; do
      finish_quick "$here/$lang/$name.ogg" "$here/$lang/quick/$name.ogg" tempo -s "$quick_tempo"
    done < <(quick_names "$lang")
  done
  # No normal clip says "loket"/"counter" alone: those two stay as they are.
  echo "remade quick/ from the clips beside it; id/quick/loket.ogg and en/quick/counter.ogg are kept as they are (record them if missing)"
  exit 0
fi

rm -rf "$here/id" "$here/en"
mkdir -p "$here/id/quick" "$here/en/quick"

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
i=0
for l in {a..z}; do
  say_quick id id "letter_$l" "${id_letters[$i]}"
  i=$((i + 1))
done
while read -r w; do say_quick id id "$w" "$w"; done < <(words id)
say_quick id id loket "loket"

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
i=0
for l in {a..z}; do
  say_quick en en "letter_$l" "${en_letters[$i]}"
  i=$((i + 1))
done
while read -r w; do say_quick en en "$w" "$w"; done < <(words en)
say_quick en en counter "counter"

# The chime: a two-note "ding-dong", soft attack, long decay.
sox -n -r 22050 -c 1 "$tmp/ding.wav" synth 0.55 sine 659.25 sine 1318.5 remix - fade q 0.01 0.55 0.45
sox -n -r 22050 -c 1 "$tmp/dong.wav" synth 1.1 sine 523.25 sine 1046.5 remix - fade q 0.01 1.1 1.0
sox "$tmp/ding.wav" "$tmp/dong.wav" -C 2 "$here/chime.ogg" norm -3 pad 0 0.15

echo "made $(find "$here" -name '*.ogg' | wc -l) clips, $(du -sh "$here" | cut -f1) in $here"
