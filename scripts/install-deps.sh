#!/usr/bin/env bash
# Install the system packages scaletop builds and tests against, if any are missing:
# ncursesw, OpenBLAS/LAPACKE, SQLite and cairo headers for the build (and gfortran's static
# runtime, which OpenBLAS's LAPACK needs when `make install` links it into the binary, and g++
# for the path of libstdc++'s archive, zlib's archive for the tracking-server client) (cairo draws the PDF and
# PNG exports, with the DejaVu fonts so figures look the same everywhere), tmux for the
# end-to-end tests, xmllint, librsvg's rsvg-convert and poppler's pdfinfo/pdftoppm to check
# the exported files.
# Uses apt-get directly as root, through sudo otherwise. Prints nothing when all is there.
set -euo pipefail

packages=(libncurses-dev libopenblas-dev liblapacke-dev libsqlite3-dev libcairo2-dev libgfortran-12-dev g++ zlib1g-dev
          fonts-dejavu-core tmux libxml2-utils librsvg2-bin poppler-utils)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "scaletop: installing ${missing[*]}" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "scaletop: the Swift toolchain (swift 6) is not on PATH; install it from swift.org first" >&2
  exit 1
fi
