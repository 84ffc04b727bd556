#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The figures of the architecture's before/after list (#18).

Counts the files under src/, the lines per folder, the largest file, the
functions declared in src/**/*.h and how many of them only tests call:
named in tests/ (or benchmarks and fuzzers there) but in no file of src/
other than at their definition.

    build-aux/count-api.py [--list] [REPO]

REPO defaults to the checkout the script is in. To count an old commit:
    git worktree add /tmp/old COMMIT && build-aux/count-api.py /tmp/old
"""

import argparse
import collections
import pathlib
import re
import sys

# A declaration in GNOME style: the name, then its argument list, outside
# a #define (KM_TYPE_FOO expands to a get_type call) and outside a comment.
DECL = re.compile(r'\b((?:km|_km)_[a-z0-9_]+)\s*\(')
COMMENT = re.compile(r'/\*.*?\*/', re.S)
WORD = re.compile(r'\b(?:km|_km)_[a-z0-9_]+\b')


def strip_comments(text):
    return COMMENT.sub(lambda m: '\n' * m.group(0).count('\n'), text)


def declared_functions(header):
    names = []
    text = strip_comments(header.read_text(encoding='utf-8', errors='replace'))
    # Join continued #define lines so that a macro body is skipped whole.
    text = re.sub(r'\\\n', ' ', text)
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith('#') or stripped.startswith('typedef'):
            continue
        for match in DECL.finditer(line):
            # Inside an argument list (a callback's argument) is no declaration.
            if line[:match.start()].count('(') > line[:match.start()].count(')'):
                continue
            names.append(match.group(1))
    return names


def words(path):
    text = strip_comments(path.read_text(encoding='utf-8', errors='replace'))
    return collections.Counter(WORD.findall(text))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('repo', nargs='?', default=pathlib.Path(__file__).resolve().parent.parent,
                        type=pathlib.Path)
    parser.add_argument('--list', action='store_true', help='list the test-only functions')
    args = parser.parse_args()
    src = args.repo / 'src'
    tests = args.repo / 'tests'

    files = sorted(p for p in src.rglob('*') if p.is_file() and p.suffix in ('.c', '.h'))
    lines_per_folder = collections.Counter()
    files_per_folder = collections.Counter()
    sizes = {}
    for path in files:
        n = len(path.read_text(encoding='utf-8', errors='replace').splitlines())
        folder = str(path.parent.relative_to(args.repo))
        lines_per_folder[folder] += n
        files_per_folder[folder] += 1
        sizes[path] = n

    # Where each name occurs: per src file, and in tests at all.
    texts = {path: strip_comments(path.read_text(encoding='utf-8', errors='replace')) for path in files}
    src_words = {path: collections.Counter(WORD.findall(text)) for path, text in texts.items()}
    test_files = [p for p in tests.rglob('*') if p.is_file() and p.suffix in ('.c', '.h')] if tests.exists() else []
    test_words = collections.Counter()
    for path in test_files:
        test_words.update(words(path))

    declared = {}
    for header in (p for p in files if p.suffix == '.h'):
        for name in declared_functions(header):
            declared.setdefault(name, header)

    test_only = []      # named in src/ only at its declaration and definition
    tests_export = []   # used by its own file, exported for tests only
    unused = []
    for name in sorted(declared):
        definition = re.compile(r'^' + re.escape(name) + r'\s*\(', re.M)
        home = [path for path, text in texts.items() if path.suffix == '.c' and definition.search(text)]
        # Uses in src/: every occurrence but the declaration and the definition.
        uses = sum(c[name] for c in src_words.values()) - 1 - len(home[:1])
        outside = sum(c[name] for path, c in src_words.items()
                      if path not in home[:1] and path != declared[name])
        if test_words[name] == 0:
            if uses <= 0:
                unused.append((name, declared[name]))
        elif uses <= 0:
            test_only.append((name, declared[name]))
        elif outside == 0:
            tests_export.append((name, declared[name]))

    largest = max(sizes, key=sizes.get)
    print(f'files in src/: {len(files)} '
          f'({sum(1 for p in files if p.suffix == ".c")} .c, {sum(1 for p in files if p.suffix == ".h")} .h) '
          f'in {len(files_per_folder)} folders')
    print(f'lines in src/: {sum(sizes.values())}')
    for folder in sorted(lines_per_folder):
        print(f'  {folder + "/":28} {files_per_folder[folder]:4} files {lines_per_folder[folder]:7} lines')
    print(f'largest file: {largest.relative_to(args.repo)} ({sizes[largest]} lines)')
    print(f'functions declared in src/**/*.h: {len(declared)}')
    print(f'  called only from tests/: {len(test_only)}')
    print(f'  also used inside their own file, outside it only by tests/: {len(tests_export)}')
    print(f'  called nowhere: {len(unused)}')
    if args.list:
        for name, header in test_only:
            print(f'test-only {header.relative_to(args.repo)}: {name}')
        for name, header in tests_export:
            print(f'own file and tests {header.relative_to(args.repo)}: {name}')
        for name, header in unused:
            print(f'unused {header.relative_to(args.repo)}: {name}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
