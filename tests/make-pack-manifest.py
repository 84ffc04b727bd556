#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write the manifest of a content pack: make-pack-manifest.py DIR VERSION > manifest.ini

Publish DIR's files and manifest.ini side by side on any static web server
and point the content-url setting at manifest.ini.
"""
import hashlib
import os
import sys


def main():
    if len(sys.argv) != 3 or not sys.argv[2].isdigit() or int(sys.argv[2]) <= 0:
        sys.exit(__doc__)
    root, version = sys.argv[1], int(sys.argv[2])
    out = [f'[Pack]\nVersion={version}\n']
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith('.'))
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root).replace(os.sep, '/')
            if name.startswith('.') or rel == 'manifest.ini' or not os.path.isfile(path):
                continue
            if any(c in rel for c in '[]\\'):
                sys.exit(f'{rel}: brackets and backslashes are not allowed in pack paths')
            with open(path, 'rb') as f:
                data = f.read()
            out.append(f'\n[File {rel}]\nSize={len(data)}\nSHA256={hashlib.sha256(data).hexdigest()}\n')
    sys.stdout.write(''.join(out))


if __name__ == '__main__':
    main()
