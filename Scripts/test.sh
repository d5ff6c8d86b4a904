#!/usr/bin/env bash
# The project's test command: builds and runs every test (unit and end to end).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build
swift test --parallel --num-workers 2
