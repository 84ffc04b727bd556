#!/usr/bin/env bash
# Khojaly Memorial: set up a Debian bookworm machine, build, and then run the
# application (`run`), the whole test suite (`test`) or the Debian package
# (`package`, written to build-deb/). Idempotent: packages and locales are
# installed only when missing, builds are incremental.
set -euo pipefail

caller_dir=$PWD
cd "$(dirname "$0")/.."
top=$PWD
mode=${1:-run}
shift || true

packages=(
  build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-dev-bin libglib2.0-bin
  libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev librsvg2-dev librsvg2-common libcrypt-dev
  zlib1g-dev
  desktop-file-utils appstream locales fonts-dejavu-core fonts-noto-core
  xvfb xauth dbus dbus-x11 at-spi2-core python3 python3-pyatspi xdotool
  clang libclang-rt-14-dev translate-toolkit
  libcsv-dev libxml2-dev
  libsodium-dev minisign libsystemd-dev
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev gstreamer1.0-plugins-base
  gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly
  gstreamer1.0-libav gstreamer1.0-tools libgtk-4-media-gstreamer libpoppler-glib-dev
  debhelper dpkg-dev fakeroot lintian mmdebstrap prometheus
)
locales=(en_US.UTF-8 az_AZ.UTF-8 id_ID.UTF-8)

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

install_packages() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

generate_locales() {
  local have missing=0
  have=$(locale -a 2>/dev/null | tr 'A-Z' 'a-z')
  for l in "${locales[@]}"; do
    local short
    short=$(echo "${l%.UTF-8}.utf8" | tr 'A-Z' 'a-z')
    if ! grep -qx "$short" <<<"$have"; then
      missing=1
      as_root sed -i "s/^# *\(${l} UTF-8\)/\1/" /etc/locale.gen
      grep -q "^${l} UTF-8" /etc/locale.gen || echo "${l} UTF-8" | as_root tee -a /etc/locale.gen >/dev/null
    fi
  done
  if [ $missing = 1 ]; then
    as_root locale-gen
  fi
}

configure() {
  local dir=$1; shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@" >/dev/null
  fi
}

install_packages
generate_locales

case "$mode" in
  run)
    configure build
    ninja -C build >/dev/null
    export GSETTINGS_SCHEMA_DIR="$top/build/data"
    exec ./build/src/khojaly-memorial "$@"
    ;;

  test)
    export LANG=en_US.UTF-8
    configure build
    configure build-asan -Db_sanitize=address,undefined -Db_lundef=false -Dbenchmarks=false
    ninja -C build
    ninja -C build-asan
    # tests/meson.build sets the sanitizers' options per test.
    # Each test gets an X server of its own: two tests on one server steal
    # each other's focus and pointer grabs, and a popover closes under a
    # test that is looking at it.
    display='xvfb-run -a -s "-screen 0 1600x1200x24"'
    status=0
    meson test -C build --wrapper "$display" --print-errorlogs --num-processes 2 || status=1
    meson test -C build-asan --wrapper "$display" --print-errorlogs --num-processes 2 --timeout-multiplier 3 \
      --no-suite slow || status=1
    fuzz=0
    if [ -x tests/fuzz/run-fuzzer.sh ]; then
      if tests/fuzz/run-fuzzer.sh "$top/build-fuzz" "${KM_FUZZ_SECONDS:-30}"; then fuzz=ok; else fuzz=fail; status=1; fi
    fi
    # meson names its log after the wrapper.
    python3 build-aux/count-results.py build/meson-logs/testlog-xvfb-run.json build-asan/meson-logs/testlog-xvfb-run.json \
      --extra "fuzz-content-parser=$fuzz"
    exit $status
    ;;

  package)
    # dpkg-buildpackage works in a copy of the tree (tracked and new files,
    # not the build dirs), so it never touches this checkout; the .deb,
    # .buildinfo and .changes land in build-deb/ or the folder given after
    # `package`.
    out=$(cd "$caller_dir" && realpath -m "${1:-$top/build-deb}")
    work=$(mktemp -d "${TMPDIR:-/tmp}/km-package.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    mkdir "$work/src"
    if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
      git ls-files -z --cached --others --exclude-standard |
        while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
        tar --null -T - -cf - | tar -xf - -C "$work/src"
    else
      tar --exclude=./.git --exclude=./_build --exclude=./build --exclude=./build-asan \
        --exclude=./build-fuzz --exclude=./build-bench --exclude=./build-deb -cf - . | tar -xf - -C "$work/src"
    fi
    (cd "$work/src" && dpkg-buildpackage -us -uc -b)
    # No errors and no warnings. There are no overrides; one added to
    # debian/khojaly-memorial.lintian-overrides needs a comment saying why.
    lintian --fail-on error,warning --info "$work"/*.changes
    mkdir -p "$out"
    rm -f "$out"/khojaly-memorial*_*.deb "$out"/khojaly-memorial_*.buildinfo "$out"/khojaly-memorial_*.changes
    cp "$work"/*.deb "$work"/*.buildinfo "$work"/*.changes "$out"/
    ls "$out"/*.deb
    ;;

  *)
    echo "usage: $0 run [APP OPTIONS] | test | package [DIR]" >&2
    exit 2
    ;;
esac
