#!/usr/bin/env bash
# Install the built scaletop under PREFIX: bin/scaletop, bash/zsh/fish completions and the
# man page, all generated from the binary itself (swift-argument-parser writes both).
# Usage: scripts/install.sh BUILD_FOLDER PREFIX   (make install does this)
set -euo pipefail
build=$1
prefix=$2
case "$prefix" in /*) ;; *) prefix="$(pwd)/$prefix" ;; esac

binary="$build/scaletop"
[ -x "$binary" ] || { echo "scaletop: $binary is missing; run make install" >&2; exit 1; }

install -d "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" \
  "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
# Debug information is left in the build folder: it is a third of the file.
install -m 0755 "$binary" "$prefix/bin/scaletop.new"
strip --strip-debug "$prefix/bin/scaletop.new"
mv -f "$prefix/bin/scaletop.new" "$prefix/bin/scaletop"

installed="$prefix/bin/scaletop"
"$installed" --generate-completion-script bash > "$prefix/share/bash-completion/completions/scaletop"
"$installed" --generate-completion-script zsh > "$prefix/share/zsh/site-functions/_scaletop"
"$installed" --generate-completion-script fish > "$prefix/share/fish/vendor_completions.d/scaletop.fish"

# The page's date is the commit's, so the same source gives the same page.
date=$(git log -1 --format=%cs 2>/dev/null || date -u +%F)
manual=$(mktemp -d)
trap 'rm -rf "$manual"' EXIT
"$build/generate-manual" "$installed" --date "$date" --section 1 --output-directory "$manual" >/dev/null
install -m 0644 "$manual/scaletop.1" "$prefix/share/man/man1/scaletop.1"

echo "installed $("$installed" --version) in $prefix"
case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "add $prefix/bin to PATH to run it as scaletop" ;; esac
