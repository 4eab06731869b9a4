#!/usr/bin/env bash
# Installs Debian's headless Chromium shell (about 80 MB download, ~20 s here), used by one test that
# loads a rendered HTML report in a real browser engine and checks that its SVG charts survive
# HTML parsing. Nothing at run time needs it.
set -euo pipefail
if command -v chromium-headless-shell >/dev/null 2>&1; then
    echo "    chromium-headless-shell already installed: $(chromium-headless-shell --version 2>/dev/null | head -1)"
    exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "    chromium-headless-shell is missing and this is not a root Debian shell: install it by hand" \
        "(apt-get install chromium-headless-shell); the browser test fails in CI without it" >&2
    exit 0
fi
echo "    installing chromium-headless-shell from Debian..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium-headless-shell >/dev/null
echo "    installed: $(chromium-headless-shell --version 2>/dev/null | head -1)"
