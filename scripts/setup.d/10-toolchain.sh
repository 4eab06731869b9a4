#!/usr/bin/env bash
# Checks the Swift toolchain (6.0 or newer) the package needs.
set -euo pipefail
if ! command -v swift >/dev/null 2>&1; then
    echo "Swift is not on PATH. Install Swift 6 from https://www.swift.org/install/linux/ and retry." >&2
    exit 1
fi
version=$(swift --version 2>/dev/null | sed -n 's/.*Swift version \([0-9]*\)\..*/\1/p' | head -1)
if [ "${version:-0}" -lt 6 ]; then
    echo "Swift 6 or newer is needed (found: $(swift --version 2>&1 | head -1))." >&2
    exit 1
fi
echo "    $(swift --version 2>&1 | head -1)"
