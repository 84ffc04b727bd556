# SPDX-License-Identifier: GPL-3.0-or-later
# msgfilter filter for the en@pseudo language (po/make-pseudo.sh, po/README.md):
# brackets every message and doubles every vowel with accents (about a third
# longer), so untranslated, cut-off or concatenated strings stand out.
# Format directives (%s, %2$u, %'d), mnemonic letters (_About) and XML
# entities (&amp;) are kept as they are, so msgfmt --check still passes.

# Hide the letters that must not change behind control characters.
s/\(%[0-9]*\$\{0,1\}[-+ #0'.0-9]*[hlLqjzt]*\)u/\1\x02/g
s/\(%[0-9]*\$\{0,1\}[-+ #0'.0-9]*[hlLqjzt]*\)i/\1\x03/g
s/\(%[0-9]*\$\{0,1\}[-+ #0'.0-9]*[hlLqjzt]*\)e/\1\x04/g
s/\(%[0-9]*\$\{0,1\}[-+ #0'.0-9]*[hlLqjzt]*\)E/\1\x05/g
s/_a/_\x06/g
s/_e/_\x04/g
s/_i/_\x03/g
s/_o/_\x07/g
s/_u/_\x02/g
s/_A/_\x0e/g
s/_E/_\x05/g
s/_I/_\x0f/g
s/_O/_\x10/g
s/_U/_\x11/g
s/&amp;/\x12/g
s/&lt;/\x13/g
s/&gt;/\x14/g
s/&quot;/\x15/g
s/&apos;/\x16/g

s/a/àá/g
s/e/èé/g
s/i/ìí/g
s/o/òó/g
s/u/ùú/g
s/A/ÀÁ/g
s/E/ÈÉ/g
s/I/ÌÍ/g
s/O/ÒÓ/g
s/U/ÙÚ/g

s/\x02/u/g
s/\x03/i/g
s/\x04/e/g
s/\x05/E/g
s/\x06/a/g
s/\x07/o/g
s/\x0e/A/g
s/\x0f/I/g
s/\x10/O/g
s/\x11/U/g
s/\x12/\&amp;/g
s/\x13/\&lt;/g
s/\x14/\&gt;/g
s/\x15/\&quot;/g
s/\x16/\&apos;/g

1s/^/⟦/
$s/$/⟧/
