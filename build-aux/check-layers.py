#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the #include lines of src/ against the layers (HACKING.md, "Folders").

    build-aux/check-layers.py [SRCDIR]

- core/ includes no GTK, GDK, GSK or libadwaita header, and nothing outside core/;
- pack/ (the curator's command-line tool) includes core/ and pack/ only, and no GTK;
- common/ includes core/ and common/;
- a feature (gallery/, timeline/, statistics/, kiosk/) includes core/,
  common/ and its own folder, never another feature or shell/ (kiosk/ may
  include the window's header, not the application's);
- no include cycle runs through the application or the window.

Prints FILE:LINE and the offending include for each finding; exits 1 if any.
"""
import os
import re
import sys

FEATURES = ('gallery', 'timeline', 'statistics', 'kiosk')
GTK_HEADER = re.compile(r'^(gtk/|gdk/|gsk/|adwaita\.h$|libadwaita)')
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
ALLOWED = {
    'core': {'core'},
    'common': {'core', 'common'},
    'shell': None,            # anything
    'main': None,
    # khojaly-memorial-pack, the curator's command-line tool: core/ only.
    'pack': {'core', 'pack'},
}
for feature in FEATURES:
    ALLOWED[feature] = {'core', 'common', feature}
# kiosk/ may know the window (to wrap and reset it), not the application.
EXTRA = {'kiosk': {'km-window.h'}}
CYCLE_ROOTS = ('km-application', 'km-window')


def layer_of(rel):
    parts = rel.split(os.sep)
    if len(parts) == 1:
        return 'main'
    return parts[0]


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'src')
    src = os.path.normpath(src)
    files = {}
    for d, _, names in os.walk(src):
        for name in names:
            if name.endswith(('.c', '.h')):
                rel = os.path.relpath(os.path.join(d, name), src)
                if name in files:
                    print(f'src/{rel}: same name as src/{files[name]}; include lines could not tell them apart')
                    return 1
                files[name] = rel

    problems = []
    edges = {}          # module -> {module: (file, line, text)}
    for name, rel in sorted(files.items()):
        layer = layer_of(rel)
        module = os.path.splitext(name)[0]
        with open(os.path.join(src, rel), encoding='utf-8') as f:
            for number, line in enumerate(f, 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                kind, header = m.groups()
                where = f'src/{rel}:{number}: {line.strip()}'
                if kind == '<':
                    if layer in ('core', 'pack') and GTK_HEADER.match(header):
                        problems.append(f'{where}: {layer}/ includes no GTK or libadwaita header')
                    continue
                target = files.get(os.path.basename(header))
                if target is None:
                    continue            # config.h, generated headers
                target_layer = layer_of(target)
                allowed = ALLOWED.get(layer)
                if (allowed is not None and target_layer not in allowed
                        and os.path.basename(header) not in EXTRA.get(layer, ())):
                    problems.append(f'{where}: {layer}/ may include {", ".join(sorted(allowed))}'
                                    f'{", " + ", ".join(sorted(EXTRA[layer])) if layer in EXTRA else ""}'
                                    f' only, not {target_layer}/')
                target_module = os.path.splitext(os.path.basename(target))[0]
                if target_module != module:
                    edges.setdefault(module, {}).setdefault(target_module, where)

    # Strongly connected components (Tarjan): a component with more than one
    # module is an include cycle.
    index, low, stack, on_stack, sccs = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            sccs.append(component)

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    for component in sccs:
        if len(component) > 1 and any(root in component for root in CYCLE_ROOTS):
            members = set(component)
            problems.append('include cycle through ' + ', '.join(sorted(members)) + ':')
            for a in sorted(members):
                for b, where in sorted(edges.get(a, {}).items()):
                    if b in members:
                        problems.append(f'  {where}')

    for problem in problems:
        print(problem)
    if problems:
        print(f'check-layers: {sum(1 for p in problems if not p.startswith("  "))} problem(s); see HACKING.md, "Folders"')
        return 1
    print(f'check-layers: {len(files)} files, layers respected')
    return 0


if __name__ == '__main__':
    sys.exit(main())
