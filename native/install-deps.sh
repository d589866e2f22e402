#!/usr/bin/env bash
# Installs the Debian packages that native/ needs (idempotent: does nothing when all are present).
# Usage: native/install-deps.sh        (root, or a user with sudo)
set -euo pipefail

# ardour: Ardour 7 (ardour7-lua, its "None (Dummy)" backend and ardour-vst3-scanner) for the headless DAW
# tests in native/ardour/ (its only Recommends, ardour-video-timeline, is not needed).
# xvfb, xauth: a virtual X display for the editor tests (xvfb-run); libx11-dev: the host's X helpers (XTools.cpp).
PACKAGES=(cmake make g++ pkg-config juce-modules-source juce-modules-source-data ardour xvfb xauth libx11-dev)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "native: build dependencies already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "native: installing ${missing[*]}"
$SUDO apt-get update
# juce-modules-source pulls in JUCE's own -dev dependencies (freetype, X11, ALSA, ...) as Depends.
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${PACKAGES[@]}"
