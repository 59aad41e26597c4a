#!/usr/bin/env bash
# Regenerates test/tools/requirements.txt: checkov==VERSION and every transitive dependency,
# pinned exactly, each with the sha256 of the wheel pip picks on this machine (CPython 3.11,
# linux x86_64). Uses only pip, in a scratch venv that is deleted afterwards.
#   test/tools/pin-checkov.sh 3.3.30
set -euo pipefail
VERSION="${1:?usage: pin-checkov.sh CHECKOV_VERSION}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PYTHON="${PYTHON:-python3}"
SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
export PIP_DISABLE_PIP_VERSION_CHECK=1

"$PYTHON" -m venv "$SCRATCH/venv"
"$SCRATCH/venv/bin/pip" install --quiet --only-binary=:all: "checkov==$VERSION"
"$SCRATCH/venv/bin/pip" freeze --exclude pip --exclude setuptools --exclude wheel >"$SCRATCH/frozen.txt"
# the same set again, resolved without installing, to learn each file's sha256
"$SCRATCH/venv/bin/pip" install --quiet --dry-run --ignore-installed --no-deps --only-binary=:all: \
  --report "$SCRATCH/report.json" -r "$SCRATCH/frozen.txt"
"$PYTHON" - "$SCRATCH/report.json" "$HERE/requirements.txt" <<'EOF'
import json, sys
report, out = sys.argv[1], sys.argv[2]
rows = sorted(
    (i["metadata"]["name"].lower().replace("_", "-"), i["metadata"]["version"],
     i["download_info"]["archive_info"]["hashes"]["sha256"])
    for i in json.load(open(report))["install"])
with open(out, "w") as f:
    f.write("# checkov and every transitive dependency, pinned exactly, with the sha256 of the\n"
            "# file pip picks for CPython 3.11 on linux x86_64 (the machines of this project).\n"
            "# Regenerate: test/tools/pin-checkov.sh VERSION (see test/tools/README.md).\n")
    for name, version, sha in rows:
        f.write(f"{name}=={version} \\\n    --hash=sha256:{sha}\n")
print(f"wrote {out}: {len(rows)} packages")
EOF
