#!/usr/bin/env bash
# The project's test command: builds seplaw and runs every test (unit and end to end, real mpirun),
# then prints one closing line with the counts.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build
report_dir=$(mktemp -d)
trap 'rm -rf "$report_dir"' EXIT
status=0
swift test --parallel --num-workers 2 --xunit-output "$report_dir/xunit.xml" || status=$?
report="$report_dir/xunit.xml"
if [ -f "$report" ]; then
    count() { grep -o "$1" "$report" | wc -l || true; }
    total=$(count '<testcase ')
    failed=$(count '<failure')
    skipped=$(count '<skipped')
    echo "seplaw: $((total - failed - skipped)) passed, $failed failed, $skipped skipped"
    if [ "$total" -eq 0 ]; then
        echo "no tests ran" >&2
        status=1
    fi
fi
exit "$status"
