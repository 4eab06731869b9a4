#!/usr/bin/env bash
# Datasets (GaitData, docs/datasets.md): zlib's headers for unpacking Roboflow export archives
# (ZIPFoundation links the system zlib through pkg-config) and Python 3 for the tests' loopback
# stand-in of Roboflow's export API. ffprobe/ffmpeg and the pose models come from 30-video.sh.
# Idempotent: does nothing when both are present.
set -euo pipefail
if [ "$(uname -s)" = "Darwin" ]; then
    echo "    macOS: zlib and python3 come with the system"
    exit 0
fi

if pkg-config --exists zlib 2>/dev/null; then
    echo "    zlib (pkg-config zlib $(pkg-config --modversion zlib)): installed"
else
    echo "    installing zlib1g-dev and pkg-config from Debian"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends zlib1g-dev pkg-config >/dev/null
fi

if command -v python3 >/dev/null 2>&1; then
    echo "    python3 ($(python3 --version 2>&1)): installed (tests' Roboflow API stand-in)"
else
    echo "    installing python3 from Debian (tests' Roboflow API stand-in)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 >/dev/null
fi
