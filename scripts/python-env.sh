#!/usr/bin/env bash
# Create or refresh .venv, the Python the tests and benchmarks run their oracles with (the
# real tensorboardX, wandb and mlflow writers and readers, scipy). Never committed.
# Does nothing when .venv already holds exactly scripts/python-requirements.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
requirements=scripts/python-requirements.txt
venv=.venv
stamp="$venv/.requirements.sha256"
want=$(sha256sum "$requirements" | cut -d' ' -f1)
if [ -x "$venv/bin/python3" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then exit 0; fi

python=$(command -v python3 || true)
if [ -z "$python" ] || ! "$python" -c 'import venv, ensurepip' 2>/dev/null; then
  echo "scaletop: installing python3-venv for the test oracles" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 python3-venv >/dev/null
  python=$(command -v python3)
fi
echo "scaletop: installing the test oracles' Python packages into $venv (once)" >&2
"$python" -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
echo "$want" > "$stamp"
