#!/usr/bin/env bash
# Fetches the demo's two training texts into data/ (git-ignored) from their public sources, at pinned commits, and
# checks each file's SHA-256. A file already there with the right checksum is kept; nothing half-downloaded or
# with a wrong checksum is ever left under its name.
#
#   scripts/fetch-data.sh
#
# RECURRENT4J_DATA_DIR   where to put the files (default: data/ in the project root)
# RECURRENT4J_DATA_URL   where to fetch from (default: https://raw.githubusercontent.com; any URL curl reads,
#                        e.g. file:///path/to/a/mirror laid out as OWNER/REPO/COMMIT/PATH)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dest=${RECURRENT4J_DATA_DIR:-$root/data}
base=${RECURRENT4J_DATA_URL:-https://raw.githubusercontent.com}

# name, source path under the base URL (owner/repository/commit/path), SHA-256
files=(
  "samples.txt Andy-P/RecurrentNN.jl/aa7f81dbb4d13992d1eecc39b38b2be2f7617f6b/example/samples.txt 6cb0208891cd709f1a4447f4efa065e1fa6fe4c30276a6bee93921c932005330"
  "tinyshakespeare.txt karpathy/char-rnn/370cbcd448eb7daf32f21a6be560b70e0b33c4e3/data/tinyshakespeare/input.txt 86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed"
)

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1
  else shasum -a 256 "$1" | cut -d' ' -f1
  fi
}

command -v curl >/dev/null 2>&1 || { echo "fetch-data: curl is needed; install it and run this again" >&2; exit 1; }
mkdir -p "$dest"
status=0
for entry in "${files[@]}"; do
  read -r name path expected <<<"$entry"
  target=$dest/$name
  if [ -e "$target" ]; then
    if [ "$(sha256 "$target")" = "$expected" ]; then
      echo "fetch-data: $target is present and its checksum matches"
    else
      echo "fetch-data: $target exists but its SHA-256 is not $expected; move it away and run this again" >&2
      status=1
    fi
    continue
  fi
  partial=$(mktemp "$dest/.$name.XXXXXX")
  if ! curl -fsSL --retry 3 -o "$partial" "$base/$path"; then
    rm -f "$partial"
    echo "fetch-data: could not download $base/$path" >&2
    status=1
    continue
  fi
  actual=$(sha256 "$partial")
  if [ "$actual" != "$expected" ]; then
    rm -f "$partial"
    echo "fetch-data: $base/$path has SHA-256 $actual, expected $expected; nothing written" >&2
    status=1
    continue
  fi
  chmod 644 "$partial"
  mv "$partial" "$target"
  echo "fetch-data: wrote $target"
done
exit "$status"
