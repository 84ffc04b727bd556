#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Regenerates invalid/<case>/: each a copy of valid/ with exactly one fault.

Run from anywhere: python3 tests/content/make-invalid.py
The expected errors live in tests/test-content.c.
"""

import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
VALID = os.path.join(HERE, 'valid')
INVALID = os.path.join(HERE, 'invalid')

# case: (file, text to replace, replacement); a replacement of None deletes
# the file, and a file that does not exist in valid/ is written whole.
CASES = {
    'unknown-element': ('exhibits.xml',
                        '    <rights>CC BY-SA 4.0</rights>\n',
                        '    <rights>CC BY-SA 4.0</rights>\n    <colour>red</colour>\n'),
    'unknown-attribute': ('exhibits.xml',
                          'id="candle" kind="illustration"',
                          'id="candle" kind="illustration" foo="bar"'),
    'missing-element': ('exhibits.xml',
                        '    <caption comments="Shown under the image">Illustration: a single memorial candle.</caption>\n',
                        ''),
    'missing-attribute': ('timeline.xml',
                          'era="before" date="1991-10" ',
                          'era="before" '),
    'duplicate-id': ('exhibits.xml', '<exhibit id="map"', '<exhibit id="candle"'),
    'undefined-source': ('exhibits.xml', 'sources="s-rally s-blog"', 'sources="s-rally s-nope"'),
    'undefined-exhibit': ('timeline.xml', 'exhibits="candle"', 'exhibits="candel"'),
    'undefined-entry': ('exhibits.xml', 'entries="night"', 'entries="nite"'),
    'undefined-era': ('timeline.xml', 'era="before" date', 'era="bifore" date'),
    'undefined-figure': ('statistics.xml', 'within="families-lost-all"', 'within="families-all"'),
    'missing-image': ('exhibits.xml', 'image="images/map.png"', 'image="images/missing.png"'),
    'broken-image': ('images/map.png', None, b'\x89PNG\r\n\x1a\nthis is not a PNG\n'),
    'value-without-source': ('statistics.xml',
                             '<value amount="63" sources="s-rally"/>',
                             '<value amount="63"/>'),
    'malformed-date': ('timeline.xml', 'date="1991-10"', 'date="91-10"'),
    'impossible-date': ('sources.xml', 'published="2012-02-26"', 'published="2012-02-30"'),
    'empty-translation': ('exhibits.xml',
                          '<title xml:lang="id">Lilin untuk Khojaly</title>',
                          '<title xml:lang="id">  </title>'),
    'malformed-xml': ('timeline.xml', '<headline>Blockade</headline>', '<headline>Blockade</headlin>'),
    'bad-enum': ('exhibits.xml', 'kind="document"', 'kind="statue"'),
    'bad-amount': ('statistics.xml', 'amount="150"', 'amount="about 150"'),
    'missing-file': ('statistics.xml', '', None),
    'approximate-without-dated': ('timeline.xml',
                                  '    <dated>The report says the town was cut off in the autumn of 1991.</dated>\n',
                                  ''),
    'unknown-date-with-date': ('timeline.xml',
                               '<entry id="petition" date-status="unknown"',
                               '<entry id="petition" date-status="unknown" date="2010"'),
    'unknown-date-without-placed': ('timeline.xml',
                                    '    <placed>The blog reports it without a date, after the night.</placed>\n'
                                    '    <placed xml:lang="az">Bloq onu tarixsiz, gecədən sonra bildirir.</placed>\n',
                                    ''),
    'placed-next-to-undefined': ('timeline.xml', 'placed-after="night"', 'placed-after="nite"'),
    'date-source-not-cited': ('timeline.xml',
                              'sources="s-rally" date-source="s-rally"',
                              'sources="s-rally" date-source="s-blog"'),
}


def main():
    shutil.rmtree(INVALID, ignore_errors=True)
    for case, (name, old, new) in sorted(CASES.items()):
        target = os.path.join(INVALID, case)
        shutil.copytree(VALID, target)
        path = os.path.join(target, name)
        if isinstance(new, bytes):
            with open(path, 'wb') as f:
                f.write(new)
            continue
        if new is None:
            os.remove(path)
            continue
        with open(path, encoding='utf-8') as f:
            text = f.read()
        if text.count(old) != 1:
            raise SystemExit(f'{case}: “{old}” found {text.count(old)} times in {name}')
        with open(path, 'w', encoding='utf-8') as f:
            f.write(text.replace(old, new))


if __name__ == '__main__':
    main()
