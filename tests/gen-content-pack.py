#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write a synthetic content pack for tests and benchmarks.

    gen-content-pack.py [--exhibits N] [--entries M] [--sections S]
                        [--figures F] [--seed SEED] OUTPUT-DIR

The pack has N exhibits, each with its own SVG image (so every thumbnail
is really decoded), plus sources, eras, M timeline entries spread over the
40 years from 1988 to 2027 (at least one per era) and S statistics
sections holding F figures between them, cycling through the chart kinds,
all referencing each other validly: `khojaly-memorial --validate
OUTPUT-DIR` accepts it. The defaults (3 entries, one section of one
figure) keep the small packs of older tests; issue #19's scale is
`--entries 2000 --sections 50 --figures 500`. Some titles carry Azerbaijani and Indonesian
translations and Azerbaijani place names, for the search; every seventh
exhibit has a content advisory. Only the standard library is used.
"""

import argparse
import datetime
import os
import random
import sys
from xml.sax.saxutils import escape

KINDS = ["illustration", "poster", "document", "photograph"]
PLACES = [
    ("İsmayıllı", "Ismayilli"), ("Şəki", "Sheki"), ("Ağdam", "Aghdam"),
    ("Göyçay", "Goychay"), ("Xocalı", "Khojaly"), ("Gəncə", "Ganja"),
    ("Şuşa", "Shusha"), ("Bakı", "Baku"),
]
SUBJECTS = ["candle", "carnation", "winter road", "memorial", "letter",
            "calendar leaf", "ribbon", "lantern"]
ERAS = [
    ("before", "1988", "1992-02-24", "Before the night"),
    ("night", "1992-02-25", "1992-02-26", "The night of 25–26 February 1992"),
    ("after", "1992-02-27", "2027", "Remembrance"),
]
CHARTS = ["bars", "breakdown", "overlap", "pictogram"]
SOURCES = [
    ("s-one", "official", "2012-02-26"),
    ("s-two", "news", "2013-02"),
    ("s-three", "blog", "2019"),
]


def svg(index, rng):
    hue = rng.randrange(360)
    shapes = []
    for _ in range(12):
        x, y = rng.randrange(20, 380), rng.randrange(20, 280)
        r = rng.randrange(6, 40)
        light = rng.randrange(40, 85)
        shapes.append(f'<circle cx="{x}" cy="{y}" r="{r}" '
                      f'fill="hsl({(hue + r * 3) % 360}, 45%, {light}%)" opacity="0.8"/>')
    width, height = (400, 300) if index % 3 else (300, 400)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}">\n'
            f'  <rect width="{width}" height="{height}" fill="hsl({hue}, 35%, 22%)"/>\n  '
            + "\n  ".join(shapes) +
            f'\n  <path d="M0 {height - 40} Q {width / 2} {height - 90} {width} {height - 40} '
            f'V {height} H 0 Z" fill="hsl({hue}, 20%, 85%)"/>\n</svg>\n')


def text(tag, en, az=None, idn=None, indent="    "):
    out = f"{indent}<{tag}>{escape(en)}</{tag}>\n"
    if az:
        out += f'{indent}<{tag} xml:lang="az">{escape(az)}</{tag}>\n'
    if idn:
        out += f'{indent}<{tag} xml:lang="id">{escape(idn)}</{tag}>\n'
    return out


def write(path, content):
    with open(path, "w", encoding="utf-8") as f:
        f.write(content)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("--exhibits", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=3)
    parser.add_argument("--sections", type=int, default=1)
    parser.add_argument("--figures", type=int, default=1)
    parser.add_argument("--seed", type=int, default=26021992)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    out = args.output
    os.makedirs(os.path.join(out, "images"), exist_ok=True)

    # sources.xml
    s = ['<?xml version="1.0" encoding="UTF-8"?>\n<sources>\n']
    for sid, kind, published in SOURCES:
        s.append(f'  <source id="{sid}" kind="{kind}" published="{published}">\n')
        s.append(f"    <title>Synthetic source {sid}</title>\n")
        s.append(text("publisher", "Test publisher", "Test nəşriyyatı"))
        s.append(text("description", f"A made-up document ({sid}) for tests."))
        s.append(f"    <citation>“Synthetic source {sid}”, Test publisher, {published}.</citation>\n")
        s.append("  </source>\n")
    s.append("</sources>\n")
    write(os.path.join(out, "sources.xml"), "".join(s))

    # timeline.xml: entries spread over the eras' 40 years, each era's
    # first entry on its start day; each links a few exhibits.
    n = args.exhibits
    entries = []
    t = ['<?xml version="1.0" encoding="UTF-8"?>\n<timeline>\n']
    for eid, start, end, title in ERAS:
        t.append(f'  <era id="{eid}" start="{start}" end="{end}">\n')
        t.append(text("title", title))
        t.append("  </era>\n")
    for k in range(max(args.entries, len(ERAS))):
        era_index = k if k < len(ERAS) else None
        if era_index is None:
            day = datetime.date(1988, 1, 1) + datetime.timedelta(days=(k * 14609) // args.entries)
            era_index = next(i for i, (_, start, end, _) in enumerate(ERAS)
                             if day.isoformat() <= (end if len(end) > 4 else end + "-12-31"))
            date = day.isoformat()
        else:
            date = ERAS[era_index][1]
        eid, start, end, title = ERAS[era_index]
        entry_id = f"entry-{eid}" if k < len(ERAS) else f"entry-{k:05d}"
        linked = ([f"ex-{j:05d}" for j in range(k, n, len(ERAS))][:5] if k < len(ERAS)
                  else [f"ex-{(k * 7 + j) % n:05d}" for j in range(2)] if n else [])
        entries.append((entry_id, eid))
        exhibits_attr = f' exhibits="{" ".join(linked)}"' if linked else ""
        t.append(f'  <entry id="{entry_id}" era="{eid}" date="{date}" sources="s-one"{exhibits_attr}>\n')
        if k < len(ERAS):
            t.append(text("headline", f"Entry in {title}"))
            t.append(text("text", f"What the sources say about {title}."))
        else:
            place_az, place_en = PLACES[k % len(PLACES)]
            t.append(text("headline", f"Synthetic event {k + 1} in {place_en}",
                          f"{place_az}: sintetik hadisə {k + 1}"))
            t.append(text("text", f"A made-up entry number {k + 1}, for the timeline at scale."))
        t.append("  </entry>\n")
    t.append("</timeline>\n")
    write(os.path.join(out, "timeline.xml"), "".join(t))

    # statistics.xml: the figures dealt out over the sections; a
    # breakdown's first figure is its total, the others its parts.
    st = ['<?xml version="1.0" encoding="UTF-8"?>\n<statistics>\n']
    sections = max(args.sections, 1)
    figures = max(args.figures, sections)
    for sec in range(sections):
        chart = CHARTS[sec % len(CHARTS)] if sections > 1 else "bars"
        count = figures // sections + (1 if sec < figures % sections else 0)
        sid = "exhibits" if sec == 0 else f"section-{sec:03d}"
        st.append(f'  <section id="{sid}" chart="{chart}">\n')
        st.append(text("title", "Exhibits" if sec == 0 else f"Synthetic section {sec + 1}"))
        for f in range(count):
            fid = "exhibit-count" if sec == 0 and f == 0 else f"figure-{sec:03d}-{f:02d}"
            role = ""
            if chart == "breakdown":
                role = ' role="total"' if f == 0 else ' role="part"'
            amount = n if sec == 0 and f == 0 else (
                (count * 100) if chart == "breakdown" and f == 0 else 10 + (sec * 37 + f * 53) % 90)
            st.append(f'    <figure id="{fid}"{role} unit="people">\n')
            st.append(text("label", "A synthetic figure" if sec == 0 and f == 0
                           else f"Synthetic figure {f + 1} of section {sec + 1}", indent="      "))
            st.append(f'      <value amount="{amount}" sources="s-one"/>\n')
            st.append("    </figure>\n")
        st.append("  </section>\n")
    st.append("</statistics>\n")
    write(os.path.join(out, "statistics.xml"), "".join(st))

    # exhibits.xml
    e = ['<?xml version="1.0" encoding="UTF-8"?>\n<exhibits>\n']
    for i in range(n):
        xid = f"ex-{i:05d}"
        image = f"images/{xid}.svg"
        write(os.path.join(out, image), svg(i, rng))
        kind = KINDS[i % len(KINDS)]
        place_az, place_en = PLACES[i % len(PLACES)]
        subject = SUBJECTS[(i // len(PLACES)) % len(SUBJECTS)]
        linked_entries = [entry_id for j, (entry_id, _) in enumerate(entries)
                          if i % len(ERAS) == j and i < 5 * len(ERAS)]
        entries_attr = f' entries="{" ".join(linked_entries)}"' if linked_entries else ""
        year = 1992 + i % 30
        e.append(f'  <exhibit id="{xid}" kind="{kind}" image="{image}" date="{year}" '
                 f'sources="{SOURCES[i % len(SOURCES)][0]}"{entries_attr}>\n')
        e.append(text("title", f"{subject.capitalize()} in {place_en} {i + 1}",
                      f"{place_az}: {subject} {i + 1}", f"{subject} di {place_en} {i + 1}"))
        e.append(text("caption", f"Illustration: a {subject} near {place_az}."))
        e.append(text("description",
                      f"Synthetic exhibit number {i + 1}, drawn from shapes. "
                      "It exists to test the gallery with many exhibits.\n\n"
                      "A second paragraph, so that the description is long enough to fold "
                      "behind a “Read More” button in the viewer, as real descriptions do "
                      "when they tell the story behind an illustration in some detail."))
        e.append(text("alt", f"Coloured circles over a dark ground, number {i + 1}."))
        e.append(text("credit", "Generated by tests/gen-content-pack.py"))
        e.append(text("rights", "CC0"))
        if i % 7 == 3:
            e.append(text("advisory", "This synthetic exhibit carries a test advisory."))
        e.append("  </exhibit>\n")
    e.append("</exhibits>\n")
    write(os.path.join(out, "exhibits.xml"), "".join(e))
    return 0


if __name__ == "__main__":
    sys.exit(main())
