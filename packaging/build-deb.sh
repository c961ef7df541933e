#!/usr/bin/env bash
# Builds the Debian package with dpkg-deb and nothing else: the release binary (Swift's
# runtime linked in, so the hall PC needs no Swift), the pages, a sample hall file, the
# systemd units and the examples.
#
#   packaging/build-deb.sh [--binary PATH] [--out DIR] [--version V]
#
# Without --binary it builds one (`swift build -c release --static-swift-stdlib`).
# Prints the path of the .deb on its last line.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
binary=""
out="$root/.build/deb"
version=""
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --version) version=$2; shift 2 ;;
    *) echo "usage: $0 [--binary PATH] [--out DIR] [--version V]" >&2; exit 64 ;;
  esac
done

if [ -z "$binary" ]; then
  (cd "$root" && swift build -c release --static-swift-stdlib --product antre >&2)
  binary="$(cd "$root" && swift build -c release --static-swift-stdlib --show-bin-path)/antre"
fi
[ -x "$binary" ] || { echo "no executable at $binary" >&2; exit 66; }
if ldd "$binary" | grep -E 'libswift|libFoundation|libdispatch|libBlocksRuntime|lib_Foundation' >&2; then
  echo "$binary needs Swift's runtime at run time: build it with --static-swift-stdlib" >&2
  exit 65
fi
if [ -z "$version" ]; then
  count=$(git -C "$root" rev-list --count HEAD 2>/dev/null || echo 0)
  version="1.0.0+git$count"
fi
arch=$(dpkg --print-architecture)

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
install -D -m 0755 "$binary" "$stage/usr/bin/antre"
strip --strip-unneeded "$stage/usr/bin/antre" 2>/dev/null || true

# Pages and assets: the server finds them in /usr/share/antre (next to /usr/bin/antre).
install -d "$stage/usr/share/antre"
cp -r "$root/Displays" "$root/Assets" "$stage/usr/share/antre/"
rm -rf "$stage/usr/share/antre/Displays/node_modules"

# The sample hall: the bundled example plus a daily backup kept in the state directory.
install -d -m 0750 "$stage/etc/antre"
{
  cat "$root/Assets/halls/mpp-banyuwangi.yaml"
  cat "$root/packaging/hall-backup.yaml"
} >"$stage/etc/antre/hall.yaml"
chmod 0640 "$stage/etc/antre/hall.yaml"

install -D -m 0644 "$root/packaging/systemd/antre.service" "$stage/lib/systemd/system/antre.service"
install -D -m 0644 "$root/packaging/systemd/antre-ticketbox@.service" \
  "$stage/lib/systemd/system/antre-ticketbox@.service"

doc="$stage/usr/share/doc/antre"
install -D -m 0644 "$root/README.md" "$doc/README.md"
install -D -m 0644 "$root/packaging/copyright" "$doc/copyright"
install -D -m 0644 "$root/packaging/nginx/antre.conf" "$doc/examples/nginx-antre.conf"
install -D -m 0644 "$root/packaging/kiosk/antre-screen.service" "$doc/examples/antre-screen.service"
install -D -m 0644 "$root/packaging/kiosk/antre-screen.desktop" "$doc/examples/antre-screen.desktop"
install -D -m 0644 "$root/packaging/systemd/ticketbox.conf" "$doc/examples/ticketbox.conf"

# Depends: the Debian packages of the shared libraries the binary links.
depends=$(ldd "$binary" | awk '/=> \// {print $3}' | while read -r lib; do
  real=$(readlink -f "$lib")
  dpkg -S "$lib" 2>/dev/null || dpkg -S "$real" 2>/dev/null || dpkg -S "/usr$real" 2>/dev/null || true
done | cut -d: -f1 | sort -u | paste -sd, | sed 's/,/, /g')
[ -n "$depends" ] || { echo "cannot find the packages of the binary's libraries" >&2; exit 70; }

install -d -m 0755 "$stage/DEBIAN"
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@DEPENDS@/$depends/" \
  -e "s/@SIZE@/$size/" "$root/packaging/DEBIAN/control.in" >"$stage/DEBIAN/control"
install -m 0644 "$root/packaging/DEBIAN/conffiles" "$stage/DEBIAN/conffiles"
for script in postinst prerm postrm; do
  install -m 0755 "$root/packaging/DEBIAN/$script" "$stage/DEBIAN/$script"
done

mkdir -p "$out"
deb="$out/antre_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >&2
echo "$deb"
