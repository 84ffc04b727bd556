#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs Khojaly Memorial on a real accessibility bus and checks it the way a
screen reader and a keyboard user meet it.

    dbus-run-session -- /usr/bin/python3 tests/a11y/test-a11y.py BINARY

(meson runs it as sh -c '... 3>&1 1>&2' so that only TAP reaches stdout.)

Needs an X server (the suite's Xvfb) and python3-pyatspi; prints TAP.

What "showing" means here: GTK 4.8 sets no per-widget SHOWING state and
keeps the old allocation of an unmapped stack page, so an element counts as
showing when it and its ancestors are VISIBLE and GetAccessibleAtPoint at
its centre (GTK 4.8 answers with gtk_widget_pick(), which skips unmapped
and covered widgets) lands on it or inside it.

Keys are real X key events (XTest through the AT-SPI registry). Xvfb runs
without a window manager, so the pointer is put over the window to give it
the keyboard focus.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

# libatspi warns on harmless races (a cache path asked for too early): the
# suite's fatal warnings stay for the application only.
os.environ.pop('NO_AT_BRIDGE', None)
if 'G_DEBUG' in os.environ and 'KM_A11Y_APP_G_DEBUG' not in os.environ:
    os.environ['KM_A11Y_APP_G_DEBUG'] = os.environ.pop('G_DEBUG')
    os.execv(sys.executable, [sys.executable] + sys.argv)

import gi  # noqa: E402

gi.require_version('Atspi', '2.0')
from gi.repository import Atspi, GLib  # noqa: E402
import pyatspi  # noqa: E402

# X keycodes of the evdev keymap Xvfb starts with.
KEY_CONTROL = 37
KEY_SHIFT = 50
KEY_ALT = 64

TYPE_NAME = re.compile(r'^(Gtk|Adw|Gdk|Km)[A-Z][A-Za-z]*$')
MNEMONIC = re.compile(r'(^|\s)_\w')

# Roles a user operates: each needs a name of its own.
CONTROL_ROLES = {
    'push button', 'toggle button', 'check box', 'radio button', 'combo box',
    'entry', 'password text', 'text', 'slider', 'spin button', 'menu item',
    'check menu item', 'radio menu item', 'page tab', 'link', 'switch', 'table cell', 'list item', 'tree item', 'table', 'list',
    'tree table', 'tree',
}
IMAGE_ROLES = {'image', 'icon', 'animation'}
# Parts of a composite widget that arrow keys move between once Tab is in.
COMPOSITE_ITEMS = {'table cell', 'list item', 'tree item', 'page tab',
                   'menu item', 'radio button'}
COMPOSITE_CONTAINERS = {'table', 'list', 'tree', 'tree table', 'page tab list',
                        'list box', 'menu', 'panel', 'tool bar', 'filler'}
# Scroll bars are mouse-only in GTK 4 (the keyboard scrolls the view).
NOT_TAB_STOPS = {'scroll bar'}


# Problems found in code that is still being written by others, each with
# where it is: the check reports them as TODO (meson: expected failure)
# only while every offender it lists is one of these.
KNOWN = []


class Tap:
    """TAP goes to fd 3 when meson's command line opens it (3>&1 1>&2):
    the at-spi registry daemon that dbus-run-session starts writes to
    the same stdout."""

    def __init__(self):
        self.n = 0
        self.failed = 0
        try:
            self.out = os.fdopen(3, 'w', buffering=1)
        except OSError:
            self.out = sys.stdout

    def check(self, ok, description, diagnostics=()):
        self.n += 1
        todo = ''
        if not ok:
            reasons = {reason for line in diagnostics for pattern, reason in KNOWN if pattern.search(line)}
            if diagnostics and all(any(p.search(line) for p, _ in KNOWN) for line in diagnostics):
                todo = ' # TODO ' + '; '.join(sorted(reasons))
            else:
                self.failed += 1
        print(f"{'ok' if ok else 'not ok'} {self.n} - {description}{todo}", file=self.out)
        for line in diagnostics:
            print(f"# {line}", file=self.out)
        self.out.flush()
        return ok

    def finish(self):
        print(f"1..{self.n}", file=self.out)
        return 1 if self.failed else 0


tap = Tap()


def pump(ms):
    """Runs the main loop so AT-SPI events arrive."""
    context = GLib.MainContext.default()
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        if not context.iteration(False):
            time.sleep(0.005)


KEYSYMS = {'Tab': 0xff09, 'Return': 0xff0d, 'Escape': 0xff1b, 'Right': 0xff53,
           'Left': 0xff51, 'Up': 0xff52, 'Down': 0xff54, 'space': 0x20,
           'Home': 0xff50, 'End': 0xff57}


def key(name, *modifiers):
    """A real key press: modifiers by keycode, the key by keysym."""
    for m in modifiers:
        pyatspi.Registry.generateKeyboardEvent(m, None, pyatspi.KEY_PRESS)
    pyatspi.Registry.generateKeyboardEvent(KEYSYMS.get(name) or ord(name), None, pyatspi.KEY_SYM)
    for m in reversed(modifiers):
        pyatspi.Registry.generateKeyboardEvent(m, None, pyatspi.KEY_RELEASE)


def states(obj):
    try:
        return obj.getState()
    except Exception:
        return None


def has(obj, state):
    s = states(obj)
    return s is not None and s.contains(state)


_roles = {}
_parents = {}


def role(obj):
    """Roles and parents do not change: ask the bus once."""
    if obj not in _roles:
        try:
            _roles[obj] = obj.getRoleName()
        except Exception:
            return '?'
    return _roles[obj]


def parent(obj):
    if obj not in _parents:
        try:
            _parents[obj] = obj.parent
        except Exception:
            return None
    return _parents[obj]


def real_name(text):
    return bool(text) and text.strip() != '' and not TYPE_NAME.match(text.strip())


def describe(obj):
    try:
        path = []
        o = obj
        while o is not None and role(o) != 'application' and len(path) < 6:
            path.append(f"{role(o)}:{o.name!r}")
            o = o.parent
        return ' < '.join(path)
    except Exception as e:
        return f"<gone: {e}>"


def children(obj):
    try:
        n = obj.childCount
    except Exception:
        return []
    out = []
    for i in range(n):
        try:
            c = obj.getChildAtIndex(i)
        except Exception:
            c = None
        if c is not None:
            out.append(c)
    return out


def extents(obj):
    try:
        e = obj.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        return e.x, e.y, e.width, e.height
    except Exception:
        return 0, 0, 0, 0


def is_inside(obj, ancestor):
    o = obj
    for _ in range(100):
        if o is None:
            return False
        if o == ancestor:
            return True
        o = parent(o)
    return False


def is_showing(frame, obj):
    x, y, w, h = extents(obj)
    fx, fy, fw, fh = extents(frame)
    if w <= 0 or h <= 0:
        return False
    points = [(x + w // 2, y + h // 2), (x + 3, y + 3), (x + w - 4, y + h - 4),
              (x + 3, y + h - 4), (x + w - 4, y + 3)]
    answered = False
    inside = False
    for px, py in points:
        if not (0 <= px < fw and 0 <= py < fh):
            continue
        inside = True
        try:
            hit = frame.queryComponent().getAccessibleAtPoint(px, py, pyatspi.WINDOW_COORDS)
        except Exception:
            hit = None
        # GTK answers with the deepest widget, or nothing when that one is
        # not exposed (a presentation picture); something else there (an
        # overlay, the page now on top) means the element is not seen.
        if hit is None:
            continue
        answered = True
        if is_inside(hit, obj):
            return True
    return inside and not answered


VIEW_TYPES = ('KmGalleryView', 'KmTimelineView', 'KmStatisticsView')
current_view = None


def walk(obj, out, depth=0):
    """All objects below @obj whose whole ancestry is VISIBLE, leaving out
    the views that are not on screen (their old allocation stays)."""
    if depth > 60 or not has(obj, pyatspi.STATE_VISIBLE):
        return out
    if current_view is not None and role(obj) == 'filler':
        name = obj.name
        if name in VIEW_TYPES and name != current_view:
            return out
    out.append(obj)
    for c in children(obj):
        walk(c, out, depth + 1)
    return out


def labelled_ancestor(obj):
    """A named control around @obj: a decorative icon inside it needs no name."""
    o = parent(obj)
    for _ in range(8):
        if o is None:
            return False
        # An image's parts are presentational, as in ARIA.
        if role(o) in CONTROL_ROLES | IMAGE_ROLES and real_name(o.name):
            return True
        o = parent(o)
    return False


class Focus:
    """Follows object:state-changed:focused."""

    def __init__(self):
        self.current = None
        pyatspi.Registry.registerEventListener(self.on_event, 'object:state-changed:focused')

    def on_event(self, event):
        if event.detail1 == 1:
            self.current = event.source

    def wait_change(self, previous, ms=1500):
        end = time.monotonic() + ms / 1000
        while time.monotonic() < end:
            pump(20)
            if self.current is not None and self.current != previous:
                return self.current
        return self.current


def a11y_bus_address():
    """The address of the accessibility bus this session's launcher runs.

    Handed to the application as AT_SPI_BUS_ADDRESS: GTK otherwise looks
    first at the X root window's AT_SPI_BUS property, which may name the bus
    of an earlier session on the same Xvfb."""
    from gi.repository import Gio
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    reply = bus.call_sync('org.a11y.Bus', '/org/a11y/bus', 'org.a11y.Bus', 'GetAddress',
                          None, GLib.VariantType.new('(s)'), Gio.DBusCallFlags.NONE, 10000, None)
    return reply.unpack()[0]


def launch(args, env):
    """Starts the application with its stderr kept, to tell why it stopped."""
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(args, env=env, stderr=log)
    process.log = log
    return process


def why_not_up(process):
    """Diagnostics for an application that never showed up on the bus."""
    lines = [f"command: {' '.join(process.args)}"]
    if process.poll() is not None:
        lines.append(f"exited with status {process.returncode}")
    process.log.seek(0)
    tail = process.log.read().decode('utf-8', 'replace').splitlines()[-15:]
    return lines + [f"stderr: {line}" for line in tail]


def start_app(args, env):
    """Launches the application and waits for it on the bus.

    An application that exits before it shows up is started once more, with
    why it stopped written as a TAP comment: on a freshly booted CI machine
    the accessibility bus has been seen to turn away the very first client.
    A real start-up failure fails both times."""
    process = launch(args, env)
    app = find_app(process)
    if app is None and process.poll() is not None:
        for line in ['first start did not show up; starting once more'] + why_not_up(process):
            print(f"# {line}", file=tap.out)
        process = launch(args, env)
        app = find_app(process)
    return process, app


def find_app(process, timeout=30):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if process.poll() is not None:
            return None
        desktop = pyatspi.Registry.getDesktop(0)
        for a in children(desktop):
            try:
                if a.name == 'khojaly-memorial' and a.childCount > 0:
                    frame = a.getChildAtIndex(0)
                    if frame is not None and extents(frame)[2] > 0:
                        return a
            except Exception:
                pass
        pump(200)
    return None


def frame_of(app):
    for c in children(app):
        if role(c) == 'frame' and has(c, pyatspi.STATE_ACTIVE) or role(c) == 'frame':
            return c
    return None


def find(root, predicate):
    return [o for o in walk(root, []) if predicate(o)]


def in_header_bar(obj):
    return role(obj) == 'page tab'


def tab_cycle(focus, frame, reverse=False, limit=160, home=in_header_bar):
    """Presses Tab (or Shift+Tab) until the focus comes back to where it was.

    Returns (visited objects in order, whether it came round)."""
    seen = []
    stuck = 0
    for _ in range(limit):
        before = focus.current
        if reverse:
            key('Tab', KEY_SHIFT)
        else:
            key('Tab')
        now = focus.wait_change(before, 600)
        if now is None or now == before:
            stuck += 1
            if stuck == 3:
                focused = [describe(o) for o in walk(frame, []) if has(o, pyatspi.STATE_FOCUSED)]
                print(f"# focus stuck; focused now: {focused}", file=tap.out)
                return seen, False
            continue
        stuck = 0
        if now in seen:
            # Round once: a trap is a cycle that never gets back home,
            # for a window the header bar (the view switcher).
            cycle = seen[seen.index(now):]
            return seen, any(home(o) for o in cycle)
        seen.append(now)
    return seen, False


def garbled(text):
    """A name as GTK 4.8 builds it for a button with a mnemonic: the raw
    label ("_Read More") and the label widget's text, one after the other."""
    text = (text or '').strip()
    words = text.split()
    half = len(words) // 2
    return bool(MNEMONIC.search(text)) or (half > 0 and len(words) % 2 == 0 and words[:half] == words[half:])


def check_names(label, nodes, frame):
    missing = []
    images = []
    unreadable = []
    for o in nodes:
        r = role(o)
        if r not in CONTROL_ROLES and r not in IMAGE_ROLES:
            continue
        if not is_showing(frame, o):
            continue
        if r in IMAGE_ROLES:
            if real_name(o.name) or real_name(o.description) or labelled_ancestor(o):
                continue
            images.append(describe(o))
        elif not real_name(o.name):
            # A button whose only child is an icon falls back to the icon's
            # type name in GTK 4.8.
            missing.append(describe(o))
        elif garbled(o.name):
            unreadable.append(describe(o))
    tap.check(not missing, f"{label}: every showing control has a name", missing)
    tap.check(not unreadable, f"{label}: no control name shows a mnemonic underscore or says its text twice",
              unreadable)
    tap.check(not images, f"{label}: every showing image has a name or description", images)


def composite_reached(obj, reached):
    o = obj.parent
    for _ in range(4):
        if o is None:
            return False
        if any(is_inside(r, o) for r in reached):
            return True
        o = parent(o)
    return False


def check_keyboard(label, focus, frame, scope, home=in_header_bar):
    forward, round_forward = tab_cycle(focus, frame, home=home)
    tap.check(round_forward and len(forward) > 1,
              f"{label}: Tab goes round the window without a trap ({len(forward)} stops)",
              [describe(o) for o in forward[-5:]])
    backward, round_backward = tab_cycle(focus, frame, reverse=True, home=home)
    tap.check(round_backward and len(backward) > 1,
              f"{label}: Shift+Tab goes round the window without a trap ({len(backward)} stops)",
              [describe(o) for o in backward[-5:]])
    # Inside a list or grid Tab and Shift+Tab may land on different items.
    only_one_way = [describe(o) for o in forward if o not in backward and role(o) not in COMPOSITE_ITEMS] + \
                   [describe(o) for o in backward if o not in forward and role(o) not in COMPOSITE_ITEMS]
    tap.check(not only_one_way, f"{label}: Tab and Shift+Tab reach the same elements", only_one_way)

    reached = forward + backward
    # What the keyboard reaches is seen, whatever covers its middle.
    unnamed = sorted({describe(o) for o in reached if role(o) in CONTROL_ROLES and not real_name(o.name)})
    tap.check(not unnamed, f"{label}: every control Tab reaches has a name", unnamed)
    unreached = []
    for o in walk(scope, []):
        if not has(o, pyatspi.STATE_FOCUSABLE) or not has(o, pyatspi.STATE_SENSITIVE):
            continue
        if role(o) in NOT_TAB_STOPS or o in reached:
            continue
        if role(o) == 'push button' and (o.description or '').endswith(' the window'):
            continue  # GTK's window controls are not tab stops; Alt+F4, Super+Up

        if any(is_inside(r, o) for r in reached):
            continue  # the focus goes to a part of it (a menu button's button)
        if any(role(r) in ('push button', 'combo box') and is_inside(o, r) for r in reached):
            continue  # GTK's insides of a control Tab reaches (a drop-down's list item)
        if role(o) in COMPOSITE_ITEMS and composite_reached(o, reached):
            continue
        if not is_showing(frame, o):
            continue
        unreached.append(describe(o))
    tap.check(not unreached, f"{label}: every showing focusable element is reached by Tab", unreached)
    return reached


def find_view(frame, type_name):
    views = find(frame, lambda o: o.name == type_name or (role(o) in ('filler', 'panel') and o.name == type_name))
    return views[0] if views else None


def switch_view(app, focus, number, title):
    global current_view
    current_view = {'Gallery': 'KmGalleryView', 'Timeline': 'KmTimelineView',
                    'Statistics': 'KmStatisticsView'}[title]
    key(str(number), KEY_CONTROL)
    end = time.monotonic() + 5
    frame = None
    while time.monotonic() < end:
        pump(100)
        frame = frame_of(app)
        if frame is not None and frame.name.startswith(title):
            break
    pump(800)
    return tap.check(frame is not None and frame.name.startswith(title),
                     f"Ctrl+{number} shows {title}", [f"window title: {frame.name if frame else None!r}"])


def gallery_viewer(app, focus):
    frame = frame_of(app)
    view = find_view(frame, 'KmGalleryView')
    cells = [o for o in walk(view, []) if role(o) == 'table cell' and is_showing(frame, o)]
    if not tap.check(len(cells) > 0, "gallery: the grid shows exhibit cells"):
        return
    # Tab into the grid, then Enter on the focused cell.
    target = None
    for _ in range(60):
        before = focus.current
        key('Tab')
        now = focus.wait_change(before, 800)
        if now is not None and role(now) == 'table cell':
            target = now
            break
    if not tap.check(target is not None, "gallery: Tab moves the focus into the grid"):
        return
    card_images = [o for o in walk(target, []) if role(o) == 'image' and real_name(o.description)]
    alt = card_images[0].description if card_images else None
    title = card_images[0].name if card_images else None
    tap.check(alt is not None, "gallery: a grid cell's image carries the exhibit's alt text",
              [describe(target)])
    key('Return')
    pump(1500)
    frame = frame_of(app)
    view = find_view(frame, 'KmGalleryView')
    nodes = walk(view, [])
    viewer_images = [o for o in nodes if role(o) == 'image' and is_showing(frame, o)
                     and (o.name == alt or o.description == alt)]
    tap.check(alt is not None and len(viewer_images) > 0,
              "viewer: Enter opens the viewer and its image's name or description is the alt text",
              [f"expected alt: {alt!r}", f"exhibit: {title!r}"] +
              [f"image: {o.name!r} / {o.description!r}" for o in nodes
               if role(o) == 'image' and is_showing(frame, o)][:6])
    check_names("viewer", nodes, frame)
    check_keyboard("viewer", focus, frame, frame)
    key('Escape')
    pump(1000)
    frame = frame_of(app)
    view = find_view(frame, 'KmGalleryView')
    still = [o for o in walk(view, []) if role(o) == 'image' and is_showing(frame, o)
             and o.name == alt and o.description != alt]
    cells = [o for o in walk(view, []) if role(o) == 'table cell' and is_showing(frame, o)]
    tap.check(len(cells) > 0 and not still, "viewer: Escape goes back to the grid")


def timeline_announces(app, focus):
    frame = frame_of(app)
    view = find_view(frame, 'KmTimelineView')
    sliders = [o for o in walk(view, []) if role(o) == 'slider' and is_showing(frame, o)]
    if not tap.check(len(sliders) > 0, "timeline: the overview is a slider"):
        return

    def spoken(o):
        """What a screen reader says for the focused slider."""
        parts = [o.name or '', o.description or '']
        try:
            parts.append(o.queryValue().getText() or '')
        except Exception:
            pass  # GTK 4.8 has a Value interface for GtkRange and friends only
        return ' '.join(parts)

    def detail():
        nodes = walk(find_view(frame_of(app), 'KmTimelineView'), [])
        return [(o.name, o.description) for o in nodes
                if role(o) in ('panel', 'section', 'group', 'landmark', 'article', 'filler')
                and real_name(o.name) and real_name(o.description)]

    overview = sliders[0]
    before = detail()
    for _ in range(60):
        if focus.current == overview:
            break
        previous = focus.current
        key('Tab')
        focus.wait_change(previous, 600)
    tap.check(focus.current == overview, "timeline: Tab reaches the overview")
    key('Right')
    pump(1200)
    after = detail()
    tap.check(len(after) > 0 and after != before,
              "timeline: Right moves the selection; the entry shown is exposed with its headline and description",
              [f"before: {before[:1]}", f"after: {after[:1]}"])
    headline = after[0][0] if after else None
    said = spoken(overview)
    tap.check(headline is not None and headline in said,
              "timeline: the focused overview announces the selected entry",
              [f"selected: {headline!r}", f"overview says: {said!r}"])


def statistics_charts(app):
    frame = frame_of(app)
    view = find_view(frame, 'KmStatisticsView')
    nodes = walk(view, [])
    tables = [o for o in nodes if role(o) == 'table' and real_name(o.name)]
    charts = [o for o in nodes if role(o) in ('panel', 'grouping', 'group') and real_name(o.name)
              and real_name(o.description) and any(role(c) == 'push button' for c in children(o))]
    described = [o for o in charts if o.description.strip().endswith('.')]
    tap.check(len(described) > 0, "statistics: a chart carries a one-sentence description",
              [f"{role(o)} {o.name!r}: {o.description!r}" for o in charts[:3]])
    tap.check(len(tables) > 0, "statistics: the chart's figures are exposed as a named table",
              [f"{role(o)} {o.name!r}" for o in nodes if role(o) == 'table'][:3])


def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_for(predicate, ms=5000):
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        pump(100)
        result = predicate()
        if result:
            return result
    return None


def kiosk_screens(binary, env, focus):
    """The kiosk in its own language: the attract screen and the PIN pad."""
    # A staff PIN, so that the pad shows its keys: saved by the app itself
    # into a keyfile the kiosk then reads.
    config = tempfile.mkdtemp(prefix='km-a11y-')
    env = dict(env, GSETTINGS_BACKEND='keyfile', XDG_CONFIG_HOME=config)
    subprocess.run([binary, '--set-kiosk-pin'], input=b'1992\n', env=env, check=True)
    process, app = start_app([binary, '--kiosk'], env)
    try:
        if not tap.check(app is not None, "kiosk: the kiosk shows up on the accessibility bus",
                         [] if app else why_not_up(process)):
            return
        pump(1500)
        frame = frame_of(app)
        # A screen reader picks its voice from the accessible's locale.
        locale = frame.get_object_locale() if frame is not None else None
        tap.check(locale is not None and locale.startswith('az'),
                  "kiosk: the window's locale is the kiosk's language, Azerbaijani",
                  [f"locale: {locale!r}"])
        fx, fy, fw, fh = extents(frame)
        pyatspi.Registry.generateMouseEvent(max(fw // 2, 1), 2, 'abs')
        pump(500)

        attract = find_view(frame, 'KmKioskAttract')
        tap.check(attract is not None, "kiosk: the attract screen is in the accessible tree")
        check_names('kiosk attract screen', walk(frame, []), frame)
        # A kiosk screen holds the focus: home is its first control.
        check_keyboard('kiosk attract screen', focus, frame, attract or frame,
                       home=lambda o: attract is not None and is_inside(o, attract))

        # Ctrl+Alt+Shift+K: the staff PIN pad, over whatever is showing.
        key('k', KEY_CONTROL, KEY_ALT, KEY_SHIFT)
        pad = wait_for(lambda: find_view(frame_of(app), 'KmKioskPinPad'))
        if tap.check(pad is not None, "kiosk: Ctrl+Alt+Shift+K opens the PIN pad"):
            pump(500)
            frame = frame_of(app)
            digits = [o for o in walk(pad, []) if role(o) == 'push button' and o.name.strip().isdigit()]
            tap.check(len(digits) == 10, "kiosk PIN pad: ten digit buttons, named by their digit",
                      [describe(o) for o in walk(pad, []) if role(o) == 'push button'])
            check_names('kiosk PIN pad', walk(pad, []), frame)
            check_keyboard('kiosk PIN pad', focus, frame, pad, home=lambda o: is_inside(o, pad))
    finally:
        stop(process)
        shutil.rmtree(config, ignore_errors=True)


def kiosk_language_option(binary, env):
    """`--kiosk --language=id` over a kiosk-language of Azerbaijani (#17): the
    whole screen reads Indonesian, the accessibility button included."""
    config = tempfile.mkdtemp(prefix='km-a11y-')
    env = dict(env, GSETTINGS_BACKEND='keyfile', XDG_CONFIG_HOME=config)
    subprocess.run(['gsettings', 'set', 'io.github.KhojalyMemorial.Exhibition', 'kiosk-language', 'az'],
                   env=env, check=False)
    process, app = start_app([binary, '--kiosk', '--language=id'], env)
    try:
        if not tap.check(app is not None, "kiosk --language=id: the kiosk shows up on the accessibility bus",
                         [] if app else why_not_up(process)):
            return
        pump(1500)
        frame = frame_of(app)
        locale = frame.get_object_locale() if frame is not None else None
        tap.check(locale is not None and locale.startswith('id'),
                  "kiosk --language=id: the window's locale is Indonesian", [f"locale: {locale!r}"])
        names = {o.name.strip() for o in walk(frame, []) if real_name(o.name)}
        tap.check('Peringatan Khojaly' in names and 'Sentuh untuk memulai' in names,
                  "kiosk --language=id: the welcome screen is in Indonesian", sorted(names)[:20])
        tap.check('Aksesibilitas' in names and 'Əlçatanlıq' not in names,
                  "kiosk --language=id: the accessibility button is named in Indonesian",
                  sorted(n for n in names if 'ksesib' in n or 'lçatan' in n))
    finally:
        stop(process)
        shutil.rmtree(config, ignore_errors=True)


def main():
    binary = sys.argv[1]
    extra = sys.argv[2:]
    env = dict(os.environ)
    env.pop('GTK_A11Y', None)
    env.pop('NO_AT_BRIDGE', None)
    if os.environ.get('KM_A11Y_APP_G_DEBUG'):
        env['G_DEBUG'] = os.environ['KM_A11Y_APP_G_DEBUG']
    # The app reports through the bus dbus-run-session started.
    env['AT_SPI_BUS_ADDRESS'] = a11y_bus_address()
    focus = Focus()
    process, app = start_app([binary, '--language=en', '--view=gallery'] + extra, env)
    try:
        if not tap.check(app is not None, "the application shows up on the accessibility bus",
                         [] if app else why_not_up(process)):
            return tap.finish()
        frame = frame_of(app)
        fx, fy, fw, fh = extents(frame)
        pyatspi.Registry.generateMouseEvent(max(fw // 2, 1), 2, 'abs')
        pump(1500)

        views = [(1, 'Gallery', 'KmGalleryView'), (2, 'Timeline', 'KmTimelineView'),
                 (3, 'Statistics', 'KmStatisticsView')]
        # KM_A11Y_ONLY=statistics,viewer runs a part, when debugging.
        only = os.environ.get('KM_A11Y_ONLY', 'gallery,timeline,statistics,viewer').split(',')
        for number, title, type_name in views:
            if title.lower() not in only:
                continue
            if not switch_view(app, focus, number, title):
                continue
            frame = frame_of(app)
            check_names(title.lower(), walk(frame, []), frame)
            check_keyboard(title.lower(), focus, frame, frame)
            if type_name == 'KmStatisticsView':
                statistics_charts(app)
            if type_name == 'KmTimelineView':
                timeline_announces(app, focus)

        if 'viewer' in only and switch_view(app, focus, 1, 'Gallery'):
            gallery_viewer(app, focus)

        locale = frame_of(app).get_object_locale()
        tap.check(locale.startswith('en'), "the window's locale is the language shown, English",
                  [f"locale: {locale!r}"])
        tap.check(process.poll() is None, "the application is still running",
                  [f"exit status {process.returncode}"])
    finally:
        stop(process)

    if 'kiosk' in os.environ.get('KM_A11Y_ONLY', 'kiosk'):
        # Fewer stale events from the first window.
        kiosk_screens(binary, env, Focus())
        kiosk_language_option(binary, env)
    return tap.finish()


if __name__ == '__main__':
    sys.exit(main())
