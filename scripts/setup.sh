#!/usr/bin/env bash
# Installs everything Endurance Run Coach needs on a Debian 12 machine, idempotently.
# Each step lives in scripts/setup.d/NN-name.sh and says what it does; a step that finds its work
# already done says so and returns quickly. Run it as often as you like.
set -euo pipefail
cd "$(dirname "$0")/.."
for step in scripts/setup.d/*.sh; do
    echo "==> setup: $(basename "$step" .sh)"
    bash "$step"
done
echo "==> setup: done"
