#!/usr/bin/env bash
# Installs OpenBLAS (the BLAS behind GaitML's tensors) and pkg-config, which SwiftPM uses to find it.
# macOS needs nothing: GaitML uses Accelerate there.
set -euo pipefail
if [ "$(uname -s)" = "Darwin" ]; then
    echo "    macOS: GaitML uses Accelerate, nothing to install"
    exit 0
fi
if pkg-config --exists openblas 2>/dev/null && [ -f "$(pkg-config --variable=includedir openblas)/cblas.h" ]; then
    echo "    OpenBLAS $(pkg-config --modversion openblas) already installed"
    exit 0
fi
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
    echo "OpenBLAS is missing: run 'apt-get install libopenblas-dev pkg-config' as root and retry." >&2
    exit 1
fi
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
echo "    installing libopenblas-dev and pkg-config with apt-get"
as_root apt-get update -qq
DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq libopenblas-dev pkg-config >/dev/null
echo "    OpenBLAS $(pkg-config --modversion openblas) installed"
