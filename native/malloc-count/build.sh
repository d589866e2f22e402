#!/usr/bin/env bash
# Builds libnsmalloccount.so (see malloc_count.c) into the folder given, default ./build.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/build}"
mkdir -p "$out"
cc -O2 -fPIC -shared -Wl,-soname,libnsmalloccount.so -o "$out/libnsmalloccount.so" "$here/malloc_count.c"
echo "$out/libnsmalloccount.so"
