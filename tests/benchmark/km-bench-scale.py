#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The benchmark's Scale section (#19): every cost at 100, 1,000 and 10,000
exhibits beside the bundled exhibition, in one run, as a table and a plot.

    km-bench-scale.py --build BUILD-DIR --source SOURCE-DIR --output DIR
                      [--runs N] [--sizes 100,1000,10000] [--kiosk-cycles N]

Needs Xvfb (xvfb-run) and dbus-run-session. For each size it generates a
pack with tests/gen-content-pack.py (N exhibits, N/5 timeline entries over
40 years, N/200 statistics sections holding N/20 figures: 2,000 entries,
50 sections and 500 figures at 10,000), then measures, under the cairo
renderer at 1920x1080:
- the first painted frame from outside (km-bench-startup, its
  records of checked packs warmed up by one unmeasured start), and the
  peak resident memory a second later;
- `khojaly-memorial --validate` (wall and CPU time, median);
- in process (km-bench-app --section scale): loading the pack the first
  time and once checked, the gallery's search per keystroke and kind
  filter, the timeline's first frame, resizes from 360 to 3840 px (with
  the frame's layout phase), its overview scrolled down and, zoomed in,
  sideways, and the Right key from its first entry to its last, the
  statistics' first frame (main-thread CPU), and that process's peak
  memory (it loads the pack 6 times and opens 5 windows: not a visit);
- a visit (km-bench-app --section visit): one application started with
  --content=PACK, one 1920x1080 window, the whole gallery grid scrolled a
  screen at a time with its thumbnails, a search, the kind filter, 20
  exhibits opened and zoomed, the timeline, the statistics, a language
  switch and back; its peak resident memory (VmHWM), the #19 target;
- at 10,000 exhibits, kiosk cycles (km-bench-app --section memory --pack):
  the memory's growth over --kiosk-cycles (1,000) after the first 1,000;
- a kiosk's start (--kiosk) with the pack of each of --installed-sizes
  installed as the updater leaves it (KM_DATA_DIR/active, its
  .km-manifest), against a kiosk with none (the bundled exhibition), the
  records of checked packs warmed up as above: the start after an
  unchanged install.
Writes DIR/scale.json, DIR/scale.md (the table) and DIR/scale.svg (the
plot, drawn here by hand: no plotting library needed).

Only the kiosk's start: `km-bench-scale.py ... --sizes 10000 --only-kiosk-start`.
"""

import argparse
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def run_env(build, scratch):
    env = dict(os.environ)
    for sub in ("config", "data", "cache", "packs"):
        os.makedirs(os.path.join(scratch, sub), exist_ok=True)
    env.update({
        "GSETTINGS_BACKEND": "memory",
        "GSETTINGS_SCHEMA_DIR": os.path.join(build, "data"),
        "KM_LOCALEDIR": os.path.join(build, "po"),
        "KM_DATA_DIR": os.path.join(scratch, "packs"),
        "XDG_CONFIG_HOME": os.path.join(scratch, "config"),
        "XDG_DATA_HOME": os.path.join(scratch, "data"),
        "XDG_CACHE_HOME": os.path.join(scratch, "cache"),
        "GTK_A11Y": "none",
        "NO_AT_BRIDGE": "1",
        "GSK_RENDERER": "cairo",
    })
    return env


XVFB = ["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24"]


def startup(build, packs, runs, env, out):
    app = os.path.join(build, "src", "khojaly-memorial")
    programs = [f"{name}={app}" + (f" --content={path}" if path else "") for name, path in packs]
    json_path = os.path.join(out, "scale-startup.json")
    subprocess.run(XVFB + ["dbus-run-session", "--",
                           os.path.join(build, "tests", "benchmark", "km-bench-startup"),
                           "--runs", str(runs), "--warm-up", "--json", json_path] + programs,
                   env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(json_path) as f:
        return json.load(f)


def validate(build, path, runs, env):
    app = os.path.join(build, "src", "khojaly-memorial")
    env = dict(env, DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent/km-bench-bus")
    wall, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([app, "--validate", path], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall.append((time.perf_counter() - start) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def run_app(build, env, json_path, *args):
    """km-bench-app with ARGS, off the session bus; returns its JSON."""
    env = dict(env, DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent/km-bench-bus")
    subprocess.run(XVFB + [os.path.join(build, "tests", "benchmark", "km-bench-app"), *args,
                           "--json", json_path],
                   env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(json_path) as f:
        return json.load(f)


def install(build, path, base):
    """PATH installed in BASE as the updater installs a pack: a copy named
    pack-1-*, its manifest in .km-manifest, the link "active"."""
    import shutil
    target = os.path.join(base, "pack-1-bench")
    if not os.path.exists(os.path.join(target, ".km-manifest")):
        shutil.rmtree(base, ignore_errors=True)
        shutil.copytree(path, target)
        subprocess.run([os.path.join(build, "src", "khojaly-memorial-pack"), "build", target, "--version", "1"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.rename(os.path.join(target, "manifest.ini"), os.path.join(target, ".km-manifest"))
        os.symlink("pack-1-bench", os.path.join(base, "active"))
    return base


def kiosk_startup(build, installed, runs, env, out):
    """--kiosk with no pack installed, then with each of INSTALLED
    [(name, base)]: the first frame and its ratio."""
    app = os.path.join(build, "src", "khojaly-memorial")
    empty = os.path.join(out, "kiosk-no-pack")
    os.makedirs(empty, exist_ok=True)
    programs = [f"kiosk-bundled=env KM_DATA_DIR={empty} {app} --kiosk"]
    programs += [f"kiosk-{name}=env KM_DATA_DIR={base} {app} --kiosk" for name, base in installed]
    json_path = os.path.join(out, "scale-kiosk-startup.json")
    subprocess.run(XVFB + ["dbus-run-session", "--",
                           os.path.join(build, "tests", "benchmark", "km-bench-startup"),
                           "--runs", str(runs), "--warm-up", "--json", json_path] + programs,
                   env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(json_path) as f:
        result = json.load(f)
    bundled = result["kiosk-bundled"]
    for name, _ in installed:
        r = result[f"kiosk-{name}"]
        r["ratio"] = r["median_ms"] / bundled["median_ms"]
        if "main_cpu_ms" in r and "main_cpu_ms" in bundled:
            r["cpu_ratio"] = r["main_cpu_ms"] / bundled["main_cpu_ms"]
    return result


def kiosk_table(result, names):
    lines = ["| Kiosk start, first frame from outside | no pack (bundled) | "
             + " | ".join(f"{n} installed" for n in names) + " |",
             "|---|---|" + "---|" * len(names)]
    lines.append("| median | " + fmt(result["kiosk-bundled"]["median_ms"], "ms") + " | "
                 + " | ".join(fmt(result[f"kiosk-{n}"]["median_ms"], "ms") for n in names) + " |")
    lines.append("| ratio to no pack | 1.00 × | "
                 + " | ".join(fmt(result[f"kiosk-{n}"]["ratio"], "×") for n in names) + " |")
    lines.append("| main-thread CPU to the frame | " + fmt(result["kiosk-bundled"].get("main_cpu_ms"), "ms") + " | "
                 + " | ".join(fmt(result[f"kiosk-{n}"].get("main_cpu_ms"), "ms") for n in names) + " |")
    lines.append("| its ratio to no pack | 1.00 × | "
                 + " | ".join(fmt(result[f"kiosk-{n}"].get("cpu_ratio"), "×") for n in names) + " |")
    lines.append("| peak memory 1 s after | " + fmt(result["kiosk-bundled"].get("peak_rss_mb"), "MB") + " | "
                 + " | ".join(fmt(result[f"kiosk-{n}"].get("peak_rss_mb"), "MB") for n in names) + " |")
    return "\n".join(lines) + "\n"


def in_process(build, path, runs, env, out, name):
    return run_app(build, env, os.path.join(out, f"scale-{name}.json"),
                   "--section", "scale", "--pack", path, "--runs", str(runs))


def visit(build, path, env, out, name):
    """A visitor's session in one application started with the pack:
    its peak resident memory (#19: under 150 MB at 10,000 exhibits)."""
    return run_app(build, env, os.path.join(out, f"scale-visit-{name}.json"),
                   "--section", "visit", "--pack", path)


def kiosk_cycles(build, path, cycles, env, out, name):
    """The memory section on the pack: growth from cycle 1,000 (the
    thumbnails' cache full) to the last."""
    return run_app(build, env, os.path.join(out, f"scale-memory-{name}.json"),
                   "--section", "memory", "--pack", path, "--cycles", str(cycles))


def median(result, key):
    value = result.get(key)
    if isinstance(value, dict):
        return value.get("median_ms")
    return value


def slowest(result, key):
    value = result.get(key)
    return value.get("max_ms") if isinstance(value, dict) else None


# (label, unit, target or None, getter)
ROWS = [
    ("First frame, from outside", "ms", None, lambda r: r["startup"]["median_ms"]),
    ("First frame, ratio to the bundled exhibition", "×", "≤ 1.1 × at 1,000, ≤ 1.3 × at 10,000",
     lambda r: r["startup_ratio"]),
    ("First frame, main-thread CPU to it", "ms", None, lambda r: r["startup"].get("main_cpu_ms")),
    ("First frame, main-thread CPU, ratio to the bundled exhibition", "×", "≤ 1.1 × at 1,000, ≤ 1.3 × at 10,000",
     lambda r: r["startup_cpu_ratio"]),
    ("Peak memory 1 s after the first frame", "MB", None, lambda r: r["startup"].get("peak_rss_mb")),
    ("--validate, wall", "ms", "< 1,000 ms at 10,000", lambda r: r["validate_wall_ms"]),
    ("--validate, CPU", "ms", None, lambda r: r["validate_cpu_ms"]),
    ("Load, first time (full check)", "ms", None, lambda r: median(r["app"], "scale_load_first")),
    ("Load, once checked", "ms", None, lambda r: median(r["app"], "scale_load_checked")),
    ("Search keystroke (main-thread CPU)", "ms", "< 16 ms", lambda r: median(r["app"], "scale_search_keystroke_cpu")),
    ("Search keystroke with its frame", "ms", None, lambda r: median(r["app"], "scale_search_keystroke_with_frame_cpu")),
    ("Search keystroke, slowest (main-thread CPU)", "ms", "< 16 ms", lambda r: slowest(r["app"], "scale_search_keystroke_cpu")),
    ("Kind filter (main-thread CPU)", "ms", "< 16 ms", lambda r: median(r["app"], "scale_kind_filter_cpu")),
    ("Kind filter with its frame", "ms", None, lambda r: median(r["app"], "scale_kind_filter_with_frame_cpu")),
    ("Gallery scroll, slowest frame (main-thread CPU)", "ms", "< 16 ms",
     lambda r: slowest(r["app"], "scale_gallery_scroll_frames_cpu")),
    ("Gallery scroll, frames over 16 ms (wall)", "", None,
     lambda r: f'{r["app"]["scale_gallery_scroll_frames_over_16ms"]:.0f} of {r["app"]["scale_gallery_scroll_frames_total"]:.0f}'),
    ("Thumbnails of the screen after scrolling stops", "ms", "< 300 ms",
     lambda r: median(r["app"], "scale_gallery_thumbnails_after_scroll")),
    ("Timeline first frame, CPU", "ms", None, lambda r: median(r["app"], "scale_timeline_first_frame_cpu")),
    ("Timeline resize frame, CPU", "ms", None, lambda r: median(r["app"], "scale_timeline_resize_with_frame_cpu")),
    ("Timeline resize, layout phase, slowest (main-thread CPU)", "ms", "< 16 ms",
     lambda r: slowest(r["app"], "scale_timeline_resize_layout_phase_cpu")),
    ("Timeline overview scroll, slowest frame (main-thread CPU)", "ms", "< 16 ms",
     lambda r: slowest(r["app"], "scale_timeline_scroll_frame_cpu")),
    ("Timeline overview scroll, frames over 16 ms (CPU)", "", None,
     lambda r: f'{r["app"]["scale_timeline_scroll_frame_cpu_over_16ms"]:.0f} of {r["app"]["scale_timeline_scroll_frame_cpu"]["n"]:.0f}'),
    ("Timeline overview scroll at 1920×1080, slowest frame (main-thread CPU)", "ms", "< 16 ms",
     lambda r: slowest(r["app"], "scale_timeline_scroll_1920_frame_cpu")),
    ("Timeline overview scroll at 1920×1080, frames over 16 ms (CPU)", "", None,
     lambda r: (f'{r["app"]["scale_timeline_scroll_1920_frame_cpu_over_16ms"]:.0f} of '
                f'{r["app"]["scale_timeline_scroll_1920_frame_cpu"]["n"]:.0f}')
     if "scale_timeline_scroll_1920_frame_cpu" in r["app"] else None),
    ("Timeline Right key, first to last entry, slowest step with its frame", "ms", "no stall",
     lambda r: slowest(r["app"], "scale_timeline_key_step_cpu")),
    ("Statistics first frame, CPU", "ms", "< 100 ms", lambda r: median(r["app"], "scale_statistics_first_frame_cpu")),
    ("Peak memory through a visit (VmHWM of one application: the whole grid, search, exhibits, timeline, statistics, languages)",
     "MB", "< 150 MB at 10,000", lambda r: r["visit"].get("visit_peak_rss_mb")),
    ("Peak memory of the in-process benchmark (the pack loaded 6 times, 5 windows: not a visit)", "MB", None,
     lambda r: r["app"].get("scale_peak_rss_mb")),
    ("Kiosk: peak memory after start-up and a tour", "MB", None,
     lambda r: r.get("kiosk", {}).get("memory_peak_pack_mb")),
    ("Kiosk: memory growth over 1,000 cycles (from cycle 1,000)", "%", "< 5 % at 10,000",
     lambda r: r.get("kiosk", {}).get("memory_growth_percent")),
]


def fmt(value, unit):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, str):
        return value
    if unit == "×":
        return f"{value:.2f} ×"
    return f"{value:,.1f} {unit}" if value < 100 else f"{value:,.0f} {unit}"


def table(results, names):
    lines = ["| Measurement | " + " | ".join(names) + " | Target |",
             "|---|" + "---|" * (len(names) + 1)]
    for label, unit, target, get in ROWS:
        cells = []
        for name in names:
            try:
                cells.append(fmt(get(results[name]), unit))
            except (KeyError, TypeError):
                cells.append("—")
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {target or ''} |")
    return "\n".join(lines) + "\n"


def plot(results, names, sizes, path):
    """One line per cost, log-log against the number of exhibits."""
    series = [(label, unit, get) for label, unit, _, get in ROWS if unit == "ms"]
    width, height, left, bottom, top, right = 1240, 560, 70, 60, 30, 560
    xs = [math.log10(s) for s in sizes]
    points = []
    for label, unit, get in series:
        values = []
        for name, size in zip(names, sizes):
            try:
                v = get(results[name])
            except (KeyError, TypeError):
                v = None
            if v is not None and v > 0:
                values.append((math.log10(size), math.log10(v)))
        points.append((label, values))
    all_y = [y for _, vs in points for _, y in vs] or [0, 1]
    height = max(height, top + 20 + 24 * len(points))
    y0, y1 = math.floor(min(all_y)), math.ceil(max(all_y))
    x0, x1 = min(xs), max(xs)

    def px(x):
        return left + (x - x0) / (x1 - x0 or 1) * (width - left - right)

    def py(y):
        return height - bottom - (y - y0) / (y1 - y0 or 1) * (height - top - bottom)

    colours = ["#1c71d8", "#c01c28", "#26a269", "#e66100", "#613583", "#865e3c",
               "#0d7377", "#a51d2d", "#3d3846", "#98c1d9", "#e5a50a"]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{left}" y="18" font-size="14">Cost against pack size (log–log; ms)</text>']
    for e in range(y0, y1 + 1):
        y = py(e)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end">{10 ** e:g}</text>')
    for name, size, x in zip(names, sizes, xs):
        out.append(f'<line x1="{px(x):.1f}" y1="{top}" x2="{px(x):.1f}" y2="{height - bottom}" stroke="#ddd"/>')
        out.append(f'<text x="{px(x):.1f}" y="{height - bottom + 18}" text-anchor="middle">{name}</text>')
    out.append(f'<text x="{(left + width - right) / 2:.0f}" y="{height - 15}" text-anchor="middle">exhibits</text>')
    # More series than colours: the second round is dashed, so that no
    # two lines look alike.
    dashes = ["", ' stroke-dasharray="6 4"', ' stroke-dasharray="2 3"']
    for i, (label, values) in enumerate(points):
        colour = colours[i % len(colours)]
        dash = dashes[(i // len(colours)) % len(dashes)]
        if len(values) > 1:
            d = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in values)
            out.append(f'<polyline points="{d}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
        for x, y in values:
            out.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="{colour}"/>')
        ly = top + 10 + i * 24
        out.append(f'<line x1="{width - right + 12}" y1="{ly - 3}" x2="{width - right + 40}" y2="{ly - 3}" '
                   f'stroke="{colour}" stroke-width="3"{dash}/>')
        out.append(f'<text x="{width - right + 48}" y="{ly + 1}">{label}</text>')
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--kiosk-cycles", type=int, default=1000,
                        help="kiosk cycles after the first 1,000 with the 10,000-exhibit pack (0: none)")
    parser.add_argument("--installed-sizes", default=None,
                        help="sizes whose pack a kiosk starts with, installed (default: the largest of --sizes)")
    parser.add_argument("--only-kiosk-start", action="store_true",
                        help="measure only the kiosk's start with the installed packs")
    args = parser.parse_args()

    build, source, out = (os.path.abspath(p) for p in (args.build, args.source, args.output))
    os.makedirs(out, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    packs = [("bundled", os.path.join(source, "resources", "content"), 20)]
    for n in sizes:
        path = os.path.join(build, f"pack-scale-{n}")
        if not os.path.exists(os.path.join(path, "exhibits.xml")):
            subprocess.run([sys.executable, os.path.join(source, "tests", "gen-content-pack.py"),
                            "--exhibits", str(n), "--entries", str(n // 5),
                            "--sections", str(max(n // 200, 1)), "--figures", str(max(n // 20, 1)), path],
                           check=True, stdout=subprocess.DEVNULL)
        packs.append((f"{n:,}", path, n))

    installed_sizes = ([int(s) for s in args.installed_sizes.split(",") if s]
                       if args.installed_sizes is not None else sizes[-1:])

    with tempfile.TemporaryDirectory(prefix="km-bench-scale-") as scratch:
        env = run_env(build, scratch)
        print("== Scale: kiosk start with an installed pack")
        installed = [(f"{n:,}", install(build, os.path.join(build, f"pack-scale-{n}"),
                                        os.path.join(build, f"installed-scale-{n}")))
                     for n in installed_sizes]
        kiosk_start = kiosk_startup(build, installed, args.runs, env, out) if installed else None
        if kiosk_start is not None:
            with open(os.path.join(out, "scale-kiosk.md"), "w") as f:
                f.write(kiosk_table(kiosk_start, [name for name, _ in installed]))
            print(kiosk_table(kiosk_start, [name for name, _ in installed]))
        if args.only_kiosk_start:
            return 0
        print("== Scale: start-up")
        start = startup(build, [(name, path if name != "bundled" else None) for name, path, _ in packs],
                        args.runs, env, out)
        results = {}
        for name, path, n in packs:
            print(f"== Scale: {name} exhibits")
            wall, cpu = validate(build, path, args.runs, env)
            results[name] = {
                "exhibits": n,
                "startup": start[name],
                "startup_ratio": start[name]["median_ms"] / start["bundled"]["median_ms"],
                "startup_cpu_ratio": (start[name]["main_cpu_ms"] / start["bundled"]["main_cpu_ms"]
                                      if "main_cpu_ms" in start[name] and "main_cpu_ms" in start["bundled"]
                                      else None),
                "validate_wall_ms": wall,
                "validate_cpu_ms": cpu,
                "app": in_process(build, path, args.runs, env, out, name.replace(",", "")),
                "visit": visit(build, path, env, out, name.replace(",", "")),
            }
            if n >= 10000 and args.kiosk_cycles > 0:
                print(f"== Scale: {name} exhibits, {args.kiosk_cycles:,} kiosk cycles")
                results[name]["kiosk"] = kiosk_cycles(build, path, args.kiosk_cycles + 1000, env, out,
                                                      name.replace(",", ""))

    names = [name for name, _, _ in packs]
    if kiosk_start is not None:
        results["kiosk_start"] = kiosk_start
    with open(os.path.join(out, "scale.json"), "w") as f:
        json.dump(results, f, indent=2)
    with open(os.path.join(out, "scale.md"), "w") as f:
        f.write(table(results, names))
    plot(results, names, [n for _, _, n in packs], os.path.join(out, "scale.svg"))
    print(table(results, names))
    print(f"Wrote {out}/scale.json, scale.md and scale.svg")
    return 0


if __name__ == "__main__":
    sys.exit(main())
