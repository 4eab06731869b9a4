#!/usr/bin/env bash
# Runs the whole test suite: sets up what the tests need (idempotent), builds, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build --build-tests
swift test 2>&1 | tee .build/test-output.txt | grep -E '^(✘|✔ Suite|✘ Suite)|error:|Test run with|Executed' || true
# The last line swift-testing prints is the summary; fail when any test failed.
grep -E "Test run with .* (passed|failed)" .build/test-output.txt | tail -1
! grep -qE "Test run with .* failed|with [1-9][0-9]* failures? \(" .build/test-output.txt
