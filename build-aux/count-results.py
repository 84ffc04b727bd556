#!/usr/bin/env python3
"""Prints the closing 'N passed, N failed' line from meson's test logs."""
import argparse
import json

parser = argparse.ArgumentParser()
parser.add_argument('logs', nargs='+')
parser.add_argument('--extra', action='append', default=[],
                    help='NAME=ok|fail|0 for a check run outside meson (0: not run)')
args = parser.parse_args()

# Enough of a failed test's output to show its assertion, short enough
# that CI's view of the end still reaches it.
TAIL_LINES = 12

passed = failed = skipped = 0
failures = []
tails = []
for path in args.logs:
    build = path.split('/')[0]
    with open(path, encoding='utf-8') as log:
        for line in log:
            test = json.loads(line)
            result = test.get('result')
            if result in ('OK', 'EXPECTEDFAIL'):
                passed += 1
            elif result == 'SKIP':
                skipped += 1
            else:
                failed += 1
                failures.append(f'{build}: {test.get("name")} ({result}, '
                                f'{test.get("duration", 0):.0f} s)')
                tails.append((f'{build}: {test.get("name")}',
                              (test.get('stdout') or '').splitlines()[-TAIL_LINES:]))
for extra in args.extra:
    name, _, result = extra.partition('=')
    if result == 'ok':
        passed += 1
    elif result == 'fail':
        failed += 1
        failures.append(name)

# CI shows only the end of the output, so name what failed last.
for name, lines in tails:
    print(f'--- end of {name}')
    for line in lines:
        print(f'  {line[:200]}')
for failure in failures:
    print(f'FAILED {failure}')

print(f'{passed} passed, {failed} failed' + (f', {skipped} skipped' if skipped else ''))
