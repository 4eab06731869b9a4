#!/usr/bin/env bash
# Runs the whole test suite: sets up what the tests need (idempotent), builds, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build --build-tests
# The full log goes to .build/test-output.txt; the console shows suites, failures and the summary.
swift test 2>&1 | tee .build/test-output.txt | grep -E '^(✘|✔ Suite|✘ Suite)|error:' || true
grep -E "Test run with .* (passed|failed)" .build/test-output.txt | tail -1
! grep -qE "Test run with .* failed|with [1-9][0-9]* failures? \(" .build/test-output.txt
