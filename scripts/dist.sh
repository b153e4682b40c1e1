#!/usr/bin/env bash
# Write NAME.tar.gz: the files `make install` puts under a prefix, in a folder NAME, with
# the README. Reproducible: sorted names, the commit's time, no owners.
# Usage: scripts/dist.sh BUILD_FOLDER NAME   (make dist does this)
set -euo pipefail
build=$1
name=$2
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
bash scripts/install.sh "$build" "$stage/$name" >/dev/null
install -m 0644 README.md "$stage/$name/README.md"
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner -C "$stage" -cf - "$name" | gzip -n -9 > "$name.tar.gz"
echo "wrote $name.tar.gz ($(du -h "$name.tar.gz" | cut -f1))"
