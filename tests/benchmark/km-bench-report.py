#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Merge the benchmark's JSON files into one report with the targets.

    km-bench-report.py [--build-type T] --output PREFIX RESULTS-DIR

Reads RESULTS-DIR/{startup,phases,language,gallery,viewer,preview,memory,idle,media}-RENDERER.json
(written by km-bench-startup and km-bench-app) and RESULTS-DIR/packtool.json
(khojaly-memorial-pack, no display: the same in every column), and writes PREFIX.json and
PREFIX.md (a markdown table), and prints the table.
"""

import argparse
import glob
import json
import os
import platform
import re
import subprocess
import sys
from datetime import datetime, timezone


def machine():
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem_kb = 0
    try:
        with open("/proc/meminfo") as f:
            mem_kb = int(re.search(r"MemTotal:\s+(\d+)", f.read()).group(1))
    except (OSError, AttributeError):
        pass
    load = os.getloadavg()
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "kernel": platform.release(),
        "load_average": [round(x, 2) for x in load],
        "commit": commit,
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def load(results, renderer):
    data = {}
    for path in sorted(glob.glob(os.path.join(results, f"*-{renderer}.json"))):
        section = os.path.basename(path)[: -len(f"-{renderer}.json")]
        with open(path) as f:
            try:
                data[section] = json.load(f)
            except json.JSONDecodeError as e:
                print(f"{path}: {e}", file=sys.stderr)
    return data


def fmt(value, unit="ms", digits=0):
    if value is None:
        return "—"
    return f"{value:,.{digits}f} {unit}".strip()


def spread(entry, key="median_ms"):
    if not entry:
        return "—"
    return f"{entry[key]:,.0f} ms ({entry['min_ms']:,.0f}–{entry['max_ms']:,.0f})"


def verdict(ok):
    if ok is None:
        return "?"
    return "✅" if ok else "❌"


def pack_tool_rows(packtool):
    rows = []
    if not packtool:
        return rows
    for name, label, limit in (("export", "export", 1.0), ("import", "import of every exhibit row", 2.0)):
        wall, cpu = packtool.get(f"{name}_wall_s"), packtool.get(f"{name}_cpu_s")
        if wall is None:
            continue
        # A loaded machine stretches the wall clock; the CPU time is the tool's own.
        rows.append((f"khojaly-memorial-pack, 10,000 exhibits: {label} (wall / CPU, median of "
                     f"{packtool.get('runs', 0)})", f"{wall:.2f} / {cpu:.2f} s", f"< {limit:g} s",
                     verdict(min(wall, cpu) < limit)))
    return rows


def rows_for(renderer, data):
    startup = data.get("startup", {})
    rows = []

    app, minimal, editor = startup.get("app"), startup.get("minimal"), startup.get("text-editor")
    rows.append(("Start-up to first frame: app", spread(app), "", ""))
    rows.append(("Start-up: minimal GTK 4 + libadwaita window", spread(minimal), "", ""))
    rows.append(("Start-up: gnome-text-editor --standalone", spread(editor), "", ""))
    r_min = app["median_ms"] / minimal["median_ms"] if app and minimal else None
    r_ed = app["median_ms"] / editor["median_ms"] if app and editor else None
    rows.append(("Start-up ratio app / minimal", fmt(r_min, "×", 2), "≤ 1.30×",
                 verdict(r_min <= 1.3 if r_min else None)))
    rows.append(("Start-up ratio app / text editor", fmt(r_ed, "×", 2), "≤ 0.75×",
                 verdict(r_ed <= 0.75 if r_ed else None)))
    # Under cairo the app opens the display without OpenGL (km-display.c);
    # the peers as shipped do not. The same peers without it, like for like.
    minimal_nogl, editor_nogl = startup.get("minimal-nogl"), startup.get("text-editor-nogl")
    if minimal_nogl and editor_nogl:
        rows.append(("Start-up: minimal window, GDK_DEBUG=gl-disable", spread(minimal_nogl), "", ""))
        rows.append(("Start-up: gnome-text-editor, GDK_DEBUG=gl-disable", spread(editor_nogl), "", ""))
        r_min = app["median_ms"] / minimal_nogl["median_ms"] if app else None
        r_ed = app["median_ms"] / editor_nogl["median_ms"] if app else None
        rows.append(("Start-up ratio app / minimal, both without OpenGL", fmt(r_min, "×", 2), "≤ 1.30×",
                     verdict(r_min <= 1.3 if r_min else None)))
        rows.append(("Start-up ratio app / text editor, both without OpenGL", fmt(r_ed, "×", 2), "≤ 0.75×",
                     verdict(r_ed <= 0.75 if r_ed else None)))

    # What the toolkit alone reaches under this renderer: no app can start
    # faster than the bare window, so a ratio the bare window misses too is
    # below the toolkit's floor, not the app's.
    r_floor = minimal["median_ms"] / editor["median_ms"] if minimal and editor else None
    rows.append(("Floor: minimal window / text editor (the toolkit's own ratio)", fmt(r_floor, "×", 2),
                 "", ""))
    peaks = [(name, startup.get(key, {}).get("peak_rss_mb"))
             for name, key in (("app", "app"), ("minimal", "minimal"), ("text editor", "text-editor"),
                               ("minimal without OpenGL", "minimal-nogl"))]
    if any(mb is not None for _, mb in peaks):
        rows.append(("Peak resident memory 1 s after the first frame: " + " / ".join(n for n, _ in peaks),
                     " / ".join(f"{mb:,.0f}" if mb else "—" for _, mb in peaks) + " MB", "", ""))

    phases = data.get("phases", {})
    for key, label in (("phase_app_startup", "in process: application start-up"),
                       ("phase_window_and_views", "in process: window and views"),
                       ("phase_present_to_first_frame", "in process: present → first frame")):
        if key in phases:
            rows.append((f"Start-up phase, {label}", spread(phases[key]), "", ""))

    language = data.get("language", {})
    for view in ("gallery", "timeline", "statistics"):
        entry = language.get(f"language_switch_{view}")
        if entry:
            rows.append((f"Language switch → first frame, {view} (p50 / p95, n={entry['n']})",
                         f"{entry['median_ms']:,.0f} / {entry['p95_ms']:,.0f} ms", "p95 < 100 ms",
                         verdict(entry["p95_ms"] < 100)))

    gallery = data.get("gallery", {})
    entry = gallery.get("gallery_1000_first_thumbnails")
    if entry:
        rows.append(("1,000 exhibits: window → first frame", spread(gallery.get("gallery_1000_first_frame")), "", ""))
        rows.append(("1,000 exhibits: window → first screen of thumbnails", spread(entry), "≤ 300 ms",
                     verdict(entry["median_ms"] <= 300)))
    entry = gallery.get("gallery_1000_scroll_longest_frame")
    if entry:
        frames = gallery.get("gallery_1000_scroll_frames", {})
        rows.append(("1,000 exhibits: longest main-thread frame scrolling down and up (median of runs)",
                     spread(entry), "≤ 16 ms", verdict(entry["median_ms"] <= 16)))
        rows.append(("1,000 exhibits: scroll frames p50 / p95; frames over 16 ms",
                     f"{frames.get('median_ms', 0):,.1f} / {frames.get('p95_ms', 0):,.1f} ms; "
                     f"{gallery.get('gallery_1000_scroll_frames_over_16ms', 0):,.0f} of "
                     f"{gallery.get('gallery_1000_scroll_frames_total', 0):,.0f}", "", ""))
    entry = gallery.get("bare_grid_1000_scroll_longest_frame")
    if entry:
        frames = gallery.get("bare_grid_1000_scroll_frames", {})
        rows.append(("Floor: a bare GTK grid of the same shape, no app code: longest frame (median of runs); "
                     "p50; frames over 16 ms",
                     f"{entry['median_ms']:,.0f} ms; {frames.get('median_ms', 0):,.1f} ms; "
                     f"{gallery.get('bare_grid_1000_scroll_frames_over_16ms', 0):,.0f} of "
                     f"{gallery.get('bare_grid_1000_scroll_frames_total', 0):,.0f}", "", ""))
    entry = gallery.get("gallery_1000_scroll_longest_frame_cpu")
    if entry:
        frames = gallery.get("gallery_1000_scroll_frames_cpu", {})
        rows.append(("1,000 exhibits: main-thread CPU in the longest scroll frame (median of runs; "
                     "excludes time other processes ran)", spread(entry), "", ""))
        rows.append(("1,000 exhibits: main-thread CPU per scroll frame p50 / p95 / max",
                     f"{frames.get('median_ms', 0):,.1f} / {frames.get('p95_ms', 0):,.1f} / "
                     f"{frames.get('max_ms', 0):,.1f} ms", "", ""))

    viewer = data.get("viewer", {})
    if "viewer_open_exhibit" in viewer:
        rows.append(("Viewer: win.show-exhibit → first frame with the image", spread(viewer["viewer_open_exhibit"]), "", ""))
        rows.append(("Viewer: zoom step → frame", spread(viewer.get("viewer_zoom_step")), "", ""))

    preview = data.get("preview", {})
    if "preview_reload_to_frame" in preview:
        save, reload_, cpu = (preview["preview_save_to_frame"], preview["preview_reload_to_frame"],
                              preview.get("preview_reload_cpu"))
        rows.append(("Preview of the bundled exhibition: save → first frame with the change "
                     "(includes the 200 ms wait for the save to end)", spread(save), "< 1 s",
                     verdict(save["median_ms"] < 1000)))
        rows.append((f"Preview: reload → first frame (p50 / p95, n={reload_['n']})",
                     f"{reload_['median_ms']:,.0f} / {reload_['p95_ms']:,.0f} ms", "< 300 ms",
                     verdict(reload_["p95_ms"] < 300)))
        if cpu:
            rows.append(("Preview: main-thread CPU from save to frame (p50 / p95)",
                         f"{cpu['median_ms']:,.0f} / {cpu['p95_ms']:,.0f} ms", "", ""))

    media = data.get("media", {})
    if "media_open_first_frame" in media:
        entry = media["media_open_first_frame"]
        rows.append(("Video exhibit, 1080p H.264: exhibit set → first frame on screen (KmMediaPlayer)",
                     spread(entry), "≤ 300 ms", verdict(entry["median_ms"] <= 300)))
    if "media_play_expected_frames" in media:
        dropped = media.get("media_play_dropped_frames")
        rows.append((f"1080p30 H.264, {media.get('media_play_seconds', 0):,.0f} s played: frames dropped or late "
                     f"(of {media['media_play_expected_frames']:,.0f}; "
                     f"{media.get('media_play_painted_frames', 0):,.0f} frames painted)",
                     f"{dropped:,.0f}", "0", verdict(dropped == 0 if dropped is not None else None)))
        cpu = media.get("media_play_cpu_per_frame")
        if cpu:
            rows.append(("1080p30 playback: main-thread CPU per painted frame p50 / p95",
                         f"{cpu['median_ms']:,.1f} / {cpu['p95_ms']:,.1f} ms", "", ""))
    if "media_memory_growth_percent" in media:
        growth = media["media_memory_growth_percent"]
        rows.append((f"Video exhibits opened and closed in the viewer: VmRSS after 100 → after "
                     f"{media.get('media_memory_opens', 0):,.0f} (malloc_trim(0) first)",
                     f"{media.get('media_memory_rss_after_100_mb', 0):,.1f} → "
                     f"{media.get('media_memory_rss_after_opens_mb', 0):,.1f} MB ({growth:+.1f} %)",
                     "< 5 %", verdict(growth < 5)))

    memory = data.get("memory", {})
    if "memory_peak_bundled_mb" in memory:
        peak = memory["memory_peak_bundled_mb"]
        rows.append(("Peak resident memory, bundled exhibition (VmHWM after a tour)", fmt(peak, "MB", 1),
                     "< 120 MB", verdict(peak < 120)))
        cycles = memory.get("memory_cycles", 0)
        rows.append(("VmRSS after 1,000 / after all kiosk cycles (malloc_trim(0) first)",
                     f"{memory.get('memory_rss_after_1000_cycles_mb', 0):,.1f} / "
                     f"{memory.get('memory_rss_after_cycles_mb', 0):,.1f} MB ({cycles:,.0f} cycles)", "", ""))
        growth = memory.get("memory_growth_percent")
        rss_1000 = memory.get("memory_rss_after_1000_cycles_mb") or 0
        per_cycle_kb = ((memory.get("memory_rss_after_cycles_mb") or 0) - rss_1000) * 1024 / max(cycles - 1000, 1)
        # A growth over fewer than 10,000 cycles says nothing about the target.
        ok = growth < 5 if growth is not None and cycles >= 10000 else None
        rows.append(("Memory growth from 1,000 cycles to all (KB per cycle; time for all cycles)",
                     f"{fmt(growth, '%', 2)} to {cycles:,.0f} ({per_cycle_kb:,.2f} KB; "
                     f"{memory.get('memory_cycles_seconds', 0):,.0f} s)", "< 5 % over 10,000", verdict(ok)))

    idle = data.get("idle", {})
    if "idle_attract_paused_cpu_s_per_min" in idle:
        for state in ("paused", "playing"):
            cpu = idle[f"idle_attract_{state}_cpu_s_per_min"]
            rows.append((f"Attract screen {state}: CPU per minute", fmt(cpu, "s", 3),
                         "< 0.5 s" if state == "paused" else "",
                         verdict(cpu < 0.5) if state == "paused" else ""))
            wake = idle[f"idle_attract_{state}_wakeups_per_s"]
            short = idle[f"idle_attract_{state}_short_timeouts_per_s"]
            ctx = idle[f"idle_attract_{state}_voluntary_ctxt_switches_per_s"]
            rows.append((f"Attract screen {state}: main-loop wake-ups/s (timeouts < 1 s/s; voluntary switches/s)",
                         f"{wake:.2f} ({short:.2f}; {ctx:.2f})",
                         "≤ 1/s, none < 1 s" if state == "paused" else "",
                         verdict(wake <= 1.0 and short == 0) if state == "paused" else ""))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results")
    parser.add_argument("--output", required=True)
    parser.add_argument("--build-type", default="debugoptimized")
    args = parser.parse_args()

    renderers = sorted({re.sub(r"^.*-([a-z]+)\.json$", r"\1", p)
                        for p in glob.glob(os.path.join(args.results, "*-*.json"))},
                       key=lambda r: (r != "gl", r))
    report = {"machine": machine(), "build_type": args.build_type, "renderers": {}}
    lines = []
    m = report["machine"]
    lines.append(f"Machine: {m['nproc']} × {m['cpu']}, {m['memory_gb']} GB, Linux {m['kernel']}, "
                 f"load average {m['load_average'][0]:.1f} at the end; Xvfb 1280×1024×24; "
                 f"build type {args.build_type}; commit {m['commit']}; {m['date']}.")
    lines.append("")

    packtool = {}
    try:
        with open(os.path.join(args.results, "packtool.json")) as f:
            packtool = json.load(f)
    except (OSError, json.JSONDecodeError):
        pass
    report["pack_tool"] = packtool

    tables = {}
    for renderer in renderers:
        data = load(args.results, renderer)
        report["renderers"][renderer] = data
        tables[renderer] = rows_for(renderer, data) + pack_tool_rows(packtool)

    header = "| Measurement | " + " | ".join(f"GSK_RENDERER={r}" for r in renderers) + " | Target |"
    lines.append(header)
    lines.append("|" + "---|" * (len(renderers) + 2))
    # Every measurement any renderer has, in the order they first appear
    # (some, such as the peers without OpenGL, exist for cairo only).
    labels, targets = [], {}
    for r in sorted(renderers, key=lambda r: -len(tables[r])):
        for label, _, target, _ in tables[r]:
            if label not in targets:
                labels.append(label)
                targets[label] = target
    for label in labels:
        cells = []
        for r in renderers:
            match = next((x for x in tables[r] if x[0] == label), None)
            cells.append(f"{match[1]} {match[3]}".strip() if match else "—")
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {targets[label]} |")

    markdown = "\n".join(lines) + "\n"
    with open(args.output + ".json", "w") as f:
        json.dump(report, f, indent=2, ensure_ascii=False)
        f.write("\n")
    with open(args.output + ".md", "w") as f:
        f.write(markdown)
    print(markdown)
    print(f"Wrote {args.output}.json and {args.output}.md")


if __name__ == "__main__":
    main()
