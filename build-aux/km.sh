#!/usr/bin/env bash
# Khojaly Memorial: set up a Debian bookworm machine, build, and then run the
# application (`run`) or the whole test suite (`test`). Idempotent: packages
# and locales are installed only when missing, builds are incremental.
set -euo pipefail

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
  libcsv-dev
  libsodium-dev minisign
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
    status=0
    xvfb-run -a -s "-screen 0 1600x1200x24" meson test -C build --print-errorlogs --num-processes 2 || status=1
    xvfb-run -a -s "-screen 0 1600x1200x24" meson test -C build-asan --print-errorlogs --num-processes 2 --timeout-multiplier 3 \
      --no-suite slow || status=1
    fuzz=0
    if [ -x tests/fuzz/run-fuzzer.sh ]; then
      if tests/fuzz/run-fuzzer.sh "$top/build-fuzz" "${KM_FUZZ_SECONDS:-30}"; then fuzz=ok; else fuzz=fail; status=1; fi
    fi
    python3 build-aux/count-results.py build/meson-logs/testlog.json build-asan/meson-logs/testlog.json \
      --extra "fuzz-content-parser=$fuzz"
    exit $status
    ;;

  *)
    echo "usage: $0 run [APP OPTIONS] | test" >&2
    exit 2
    ;;
esac
