#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds the content parser fuzzer with clang and libFuzzer and runs it.
#
#   tests/fuzz/run-fuzzer.sh BUILDDIR SECONDS
#
# BUILDDIR receives the binary, a working corpus (seeded from
# tests/fuzz/corpus/) and any crash-* file. Exits non-zero when the fuzzer
# finds a crash, a leak, undefined behaviour or a GLib critical; turn a
# crash into a fixture and fix it.
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 BUILDDIR SECONDS" >&2
  exit 2
fi

here="$(cd "$(dirname "$0")" && pwd)"
out="$(mkdir -p "$1/fuzz" && cd "$1/fuzz" && pwd)"
seconds="$2"
cc="${CC_FUZZ:-clang}"

# A clang build of its own with -Dfuzzer=true: tests/fuzz/meson.build links
# the fuzzer against the core library alone (GLib, GIO, libsoup, gdk-pixbuf
# and the core's other libraries, no GTK), and ninja builds only that.
build="$1"
if [ ! -f "$build/build.ninja" ]; then
  CC="$cc" meson setup "$build" "$here/../.." -Dfuzzer=true -Dbenchmarks=false \
    -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debugoptimized >/dev/null
fi
ninja -C "$build" tests/fuzz/fuzz-content-parser >/dev/null
mkdir -p "$out/corpus"
cp "$build/tests/fuzz/fuzz-content-parser" "$out/fuzz-content-parser"

unset G_DEBUG
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

# The run prints thousands of progress lines; keep them in a log and show
# only the verdict, or the end of the log when something was found.
log="$out/fuzz.log"
if "$out/fuzz-content-parser" \
  -max_total_time="$seconds" \
  -timeout=10 \
  -rss_limit_mb=2048 \
  -max_len=16384 \
  -print_final_stats=1 \
  -dict="$here/content.dict" \
  -artifact_prefix="$out/" \
  "$out/corpus" "$here/corpus" >"$log" 2>&1; then
  echo "fuzz-content-parser: $(grep -m1 'Done ' "$log" || echo done), no crash (log: $log)"
else
  status=$?
  tail -n 60 "$log"
  echo "fuzz-content-parser: FAILED with exit status $status (log: $log)"
  exit "$status"
fi
