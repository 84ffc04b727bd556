#!/usr/bin/env bash
# Khojaly Memorial benchmark: installs what it needs, builds an optimized
# build dir and measures start-up (against a minimal GTK 4 + libadwaita
# window and GNOME Text Editor), language switch, gallery scale, viewer,
# memory over kiosk cycles and idle cost, under Xvfb, for each renderer.
#
#   ./build-aux/benchmark.sh [BUILD-DIR]      (default: build-bench)
#
# Writes BUILD-DIR/benchmark-report.{json,md}. Knobs (environment):
# KM_BENCH_RENDERERS ("gl cairo"), KM_BENCH_RUNS (5), KM_BENCH_SWITCHES (20),
# KM_BENCH_CYCLES (10000), KM_BENCH_IDLE_SECONDS (20), KM_BENCH_MEDIA_SECONDS (60),
# KM_BENCH_MEDIA_OPENS (1000 video exhibits opened and closed; 27 min at a load of 10-27).
set -euo pipefail

cd "$(dirname "$0")/.."
top=$PWD
build=$(realpath -m "${1:-build-bench}")
renderers=${KM_BENCH_RENDERERS:-gl cairo}
runs=${KM_BENCH_RUNS:-5}
switches=${KM_BENCH_SWITCHES:-20}
cycles=${KM_BENCH_CYCLES:-10000}
idle_seconds=${KM_BENCH_IDLE_SECONDS:-20}
media_seconds=${KM_BENCH_MEDIA_SECONDS:-60}
media_opens=${KM_BENCH_MEDIA_OPENS:-1000}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

packages=(build-essential meson ninja-build pkg-config libgtk-4-dev libadwaita-1-dev
          libsoup-3.0-dev librsvg2-dev libcrypt-dev libx11-dev gnome-text-editor
          xvfb xauth dbus python3
          libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev libpoppler-glib-dev
          gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good
          gstreamer1.0-plugins-ugly gstreamer1.0-libav libgtk-4-media-gstreamer)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Optimized, with debug info for profilers.
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" --buildtype=debugoptimized -Dbenchmarks=true
else
  meson configure "$build" --buildtype=debugoptimized -Dbenchmarks=true
fi
ninja -C "$build"

results=$build/benchmark-results
rm -rf "$results"
mkdir -p "$results"
pack=$build/pack-1000
if [ ! -f "$pack/exhibits.xml" ]; then
  python3 "$top/tests/gen-content-pack.py" --exhibits 1000 "$pack" >/dev/null
fi

# Every program gets the same clean environment: no saved settings or
# session, no installed content pack, no accessibility bus. A script, as
# xvfb-run's /bin/sh drops exported shell functions.
run_env=$results/run-env.sh
cat > "$run_env" <<WRAPPER
#!/bin/sh
scratch=\$(mktemp -d "$results/env.XXXXXX")
mkdir -p "\$scratch/config" "\$scratch/data" "\$scratch/cache" "\$scratch/packs"
exec env GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" \\
  KM_LOCALEDIR="$build/po" KM_DATA_DIR="\$scratch/packs" \\
  XDG_CONFIG_HOME="\$scratch/config" XDG_DATA_HOME="\$scratch/data" XDG_CACHE_HOME="\$scratch/cache" \\
  GTK_A11Y=none NO_AT_BRIDGE=1 "\$@"
WRAPPER
chmod +x "$run_env"

xvfb() {
  xvfb-run -a -s "-screen 0 ${screen:-1280x1024}x24" "$@"
}

bench=$build/tests/benchmark
for renderer in $renderers; do
  echo "== Start-up, GSK_RENDERER=$renderer"
  # Under cairo the app opens the display without OpenGL (src/shell/km-display.c);
  # the peers as shipped do not, so they are also measured without it.
  peers_nogl=()
  if [ "$renderer" = cairo ]; then
    peers_nogl=("minimal-nogl=env GDK_DEBUG=gl-disable $bench/km-minimal-window"
                "text-editor-nogl=env GDK_DEBUG=gl-disable gnome-text-editor --standalone")
  fi
  # One session bus for the programs, as on a desktop.
  GSK_RENDERER=$renderer xvfb dbus-run-session -- "$run_env" "$bench/km-bench-startup" --runs "$runs" \
      --json "$results/startup-$renderer.json" \
      app="$build/src/khojaly-memorial" \
      minimal="$bench/km-minimal-window" \
      "text-editor=gnome-text-editor --standalone" \
      "${peers_nogl[@]}" 2> "$results/startup-$renderer.log" || {
        echo "   start-up failed with GSK_RENDERER=$renderer; see $results/startup-$renderer.log"
      }

  for section in phases language gallery viewer preview memory idle media document; do
    echo "== $section, GSK_RENDERER=$renderer"
    args=(--section "$section" --runs "$runs" --json "$results/$section-$renderer.json")
    case $section in
      language) args+=(--runs "$switches") ;;
      gallery) args+=(--pack "$pack") ;;
      # A fresh copy of the bundled exhibition, which the section edits.
      preview) rm -rf "$build/pack-preview"
               "$build/src/khojaly-memorial-pack" new "$build/pack-preview" --from-bundled >/dev/null
               args+=(--pack "$build/pack-preview") ;;
      memory) args+=(--cycles "$cycles") ;;
      idle) args+=(--seconds "$idle_seconds") ;;
      media) args+=(--seconds "$media_seconds" --opens "$media_opens") ;;
    esac
    # The document section's window is 1920x1080 (issue #20).
    screen=1280x1024
    [ "$section" = document ] && screen=1920x1200
    GSK_RENDERER=$renderer DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/km-bench-bus \
      xvfb "$run_env" "$bench/km-bench-app" "${args[@]}" \
      2> "$results/$section-$renderer.log" | grep -v '^#' || {
        echo "   $section failed with GSK_RENDERER=$renderer; see $results/$section-$renderer.log"
      }
  done
done

# The curator's tool on a 10,000-exhibit pack (issue #21: export under 1 s,
# import of every exhibit row under 2 s). Median wall-clock and CPU time.
echo "== khojaly-memorial-pack export/import, 10,000 exhibits"
pack10k=$build/pack-10000
if [ ! -f "$pack10k/exhibits.xml" ]; then
  python3 "$top/tests/gen-content-pack.py" --exhibits 10000 "$pack10k" >/dev/null
fi
python3 - "$build/src/khojaly-memorial-pack" "$pack10k" "$results/pack-csv" "$runs" \
    "$results/packtool.json" > "$results/pack-tool.txt" <<'PY'
import json, resource, statistics, subprocess, sys, time
tool, pack, csv, runs, out = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
report = {"runs": runs}
for name, argv in (("export", [tool, "export", pack, csv]),
                   ("import", [tool, "import", pack, csv + "/exhibits.csv"])):
    wall, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
        wall.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    print(f"{name}: median {statistics.median(wall):.2f} s wall, {statistics.median(cpu):.2f} s CPU ({runs} runs)")
    report[f"{name}_wall_s"] = statistics.median(wall)
    report[f"{name}_cpu_s"] = statistics.median(cpu)
with open(out, "w") as f:
    json.dump(report, f)
PY
cat "$results/pack-tool.txt"

# Scale (#19): every cost at 100, 1,000 and 10,000 exhibits beside the
# bundled exhibition, as a table (scale.md) and a plot (scale.svg).
echo "== Scale: 100, 1,000 and 10,000 exhibits"
python3 "$top/tests/benchmark/km-bench-scale.py" --build "$build" --source "$top" \
  --output "$results" --runs "$runs" || echo "   the scale section failed"

python3 "$top/tests/benchmark/km-bench-report.py" --build-type debugoptimized \
  --output "$build/benchmark-report" "$results"
