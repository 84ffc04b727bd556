#!/usr/bin/env bash
# The Debian package end to end: build it with ./build-aux/km.sh package
# (dpkg-buildpackage and lintian), make a clean Debian 12 root with
# mmdebstrap from the Debian archive, install the .deb there with apt and
# run the installed program in that root. Needs root (mmdebstrap's root
# mode) and the archive ($KM_DEBIAN_MIRROR, default deb.debian.org); every
# step has a time limit, so a missing network fails instead of hanging.
set -uo pipefail

src=$1
work=$2
mirror=${KM_DEBIAN_MIRROR:-http://deb.debian.org/debian}

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; failed=1; }
check() { # check DESCRIPTION COMMAND...
  local what=$1; shift
  if "$@"; then ok "$what"; else not_ok "$what"; fi
}
finish() { echo "1..$n"; exit $failed; }
show() { # the end of a log, as TAP diagnostics
  tail -n "${2:-25}" "$1" 2>/dev/null | sed 's/^/# /'
}

echo "TAP version 13"
rm -rf "$work"
mkdir -p "$work/deb" "$work/out"

# 1. Build the package (lintian runs inside km.sh package).
start=$SECONDS
if timeout 1200 "$src/build-aux/km.sh" package "$work/deb" >"$work/package.log" 2>&1 </dev/null; then
  ok "km.sh package built the package and lintian passed ($((SECONDS - start)) s)"
else
  not_ok "km.sh package failed (log: $work/package.log)"
  show "$work/package.log"
  finish
fi
shopt -s nullglob
debs=("$work"/deb/khojaly-memorial_*_amd64.deb)
if [ ${#debs[@]} -ne 1 ]; then
  not_ok "one khojaly-memorial_VERSION_amd64.deb in $work/deb (found ${#debs[@]})"
  finish
fi
deb=${debs[0]}
version=$(dpkg-deb -f "$deb" Version)
ok "built $(basename "$deb")"

# The listing in a variable: `grep -q` in a pipe would stop dpkg-deb early
# and fail the pipe.
has_pack_tool=0
listing=$(dpkg-deb -c "$deb")
if grep -q ' \./usr/bin/khojaly-memorial-pack$' <<<"$listing"; then
  has_pack_tool=1
fi

# 2. The archive must answer; say so plainly when it does not.
if ! timeout 30 python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + "/dists/bookworm/InRelease", timeout=20).read(64)' \
     "$mirror" >"$work/mirror.log" 2>&1; then
  not_ok "the Debian archive $mirror is unreachable: mmdebstrap needs it (set KM_DEBIAN_MIRROR for another mirror)"
  show "$work/mirror.log" 3
  finish
fi
ok "the Debian archive $mirror answers"

# 3. A clean bookworm root (variant apt: essential packages and apt only).
# The hooks run on this machine with the root's path in $1; each writes its
# command's output and exit status to $out, and never fails, so one failed
# check does not hide the others. --no-install-recommends keeps the root to
# what Depends needs (and the run short); unsafe-io skips dpkg's fsyncs in
# a root that is thrown away.
out=$work/out
x=/tmp/$(basename "$deb")
run_hook() { # NAME COMMAND: a customize hook recording COMMAND's output and status
  printf '%s' "chroot \"\$1\" $2 >'$out/$1.log' 2>&1; echo \$? >'$out/$1.rc'"
}
# Each language's locale as the program asks for it (src/core/km-i18n.c);
# locales-all names az_AZ without ".utf8", so `locale -a` is not the test.
locale_check='sh -c '"'"'for l in en_US.UTF-8 az_AZ.UTF-8 id_ID.UTF-8; do echo "$l $(LC_ALL=$l locale charmap 2>/dev/null)"; done'"'"
start=$SECONDS
timeout 900 mmdebstrap --variant=apt \
  --dpkgopt=force-unsafe-io \
  --aptopt='Acquire::http::Timeout "30"' --aptopt='Acquire::Retries "2"' \
  --customize-hook="copy-in '$deb' /tmp" \
  --customize-hook="$(run_hook install "env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $x")" \
  --customize-hook="$(run_hook version "khojaly-memorial --version")" \
  --customize-hook="$(run_hook validate "khojaly-memorial --validate=resource:///io/github/KhojalyMemorial/Exhibition/content")" \
  --customize-hook="$(run_hook validate-missing "khojaly-memorial --validate=/nonexistent-pack")" \
  --customize-hook="$(run_hook pack-help "sh -c 'command -v khojaly-memorial-pack && khojaly-memorial-pack --help'")" \
  --customize-hook="$(run_hook man "test -f /usr/share/man/man1/khojaly-memorial.1.gz")" \
  --customize-hook="$(run_hook locales "$locale_check")" \
  --customize-hook="$(run_hook packages "dpkg-query -W -f '\${Package} \${Version}\n'")" \
  --customize-hook="test -e \"\$1/etc/systemd/user/graphical-session.target.wants/khojaly-memorial-kiosk.service\"; echo \$? >'$out/unit-enabled.rc'" \
  bookworm /dev/null "$mirror" >"$work/mmdebstrap.log" 2>&1 </dev/null
status=$?
if [ $status -ne 0 ]; then
  not_ok "mmdebstrap made a bookworm root (exit $status$([ $status = 124 ] && echo ', timed out'); log: $work/mmdebstrap.log)"
  show "$work/mmdebstrap.log"
  finish
fi
ok "mmdebstrap made a bookworm root and ran the checks in it ($((SECONDS - start)) s)"

rc() { cat "$out/$1.rc" 2>/dev/null || echo missing; }

if [ "$(rc install)" = 0 ] && grep -q "^khojaly-memorial $version\$" "$out/packages.log"; then
  ok "apt-get install $(basename "$deb") in the clean root"
else
  not_ok "apt-get install $(basename "$deb") failed in the clean root (exit $(rc install))"
  show "$out/install.log"
fi

if [ "$(rc version)" = 0 ] && grep -qx "khojaly-memorial ${version%%-*}" "$out/version.log"; then
  ok "khojaly-memorial --version prints khojaly-memorial ${version%%-*}"
else
  not_ok "khojaly-memorial --version (exit $(rc version))"
  show "$out/version.log"
fi

# dh_installgsettings compiled the schema: no fallback message.
if [ -s "$out/version.log" ] && ! grep -q 'schema .* is not installed' "$out/version.log"; then
  ok "the settings schema is installed and compiled"
else
  not_ok "the settings schema is not found by the installed program"
  show "$out/version.log"
fi

if [ "$(rc validate)" = 0 ] && grep -q 'the content pack is valid' "$out/validate.log"; then
  ok "khojaly-memorial --validate on the bundled exhibition says it is valid"
else
  not_ok "khojaly-memorial --validate on the bundled exhibition (exit $(rc validate))"
  show "$out/validate.log"
fi

if [ "$(rc validate-missing)" = 1 ] && grep -q '^exhibits.xml: missing file' "$out/validate-missing.log"; then
  ok "khojaly-memorial --validate on a missing pack exits 1 naming exhibits.xml"
else
  not_ok "khojaly-memorial --validate on a missing pack (exit $(rc validate-missing))"
  show "$out/validate-missing.log"
fi

if [ $has_pack_tool = 1 ]; then
  if [ "$(rc pack-help)" = 0 ] && grep -qi 'usage' "$out/pack-help.log"; then
    ok "khojaly-memorial-pack --help"
  else
    not_ok "khojaly-memorial-pack --help (exit $(rc pack-help))"
    show "$out/pack-help.log"
  fi
else
  ok "khojaly-memorial-pack --help # SKIP the package has no khojaly-memorial-pack"
fi

check "the manual page is installed" test "$(rc man)" = 0

missing_locales=()
for l in en_US.UTF-8 az_AZ.UTF-8 id_ID.UTF-8; do
  grep -qx "$l UTF-8" "$out/locales.log" || missing_locales+=("$l")
done
if [ ${#missing_locales[@]} = 0 ]; then
  ok "the locales en_US.UTF-8, az_AZ.UTF-8 and id_ID.UTF-8 load"
else
  not_ok "locales that do not load in the clean root: ${missing_locales[*]}"
  show "$out/locales.log"
fi

# The unit is for the kiosk user to enable, not for every user.
check "the kiosk's systemd user unit is not enabled for every user" test "$(rc unit-enabled)" = 1

dev=$(awk '$1 ~ /-dev(:[a-z0-9]+)?$/ { print $1 }' "$out/packages.log" | tr '\n' ' ')
total=$(wc -l <"$out/packages.log")
if [ "$total" -gt 50 ] && [ -z "$dev" ]; then
  ok "no development package among the root's $total packages"
else
  not_ok "development packages pulled in: ${dev:-none, but only $total packages listed}"
fi

finish
