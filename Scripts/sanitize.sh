#!/usr/bin/env bash
# Runs the whole test suite under AddressSanitizer and then ThreadSanitizer, each in its own scratch
# path (.build-asan, .build-tsan) so neither disturbs the normal build. Usage:
#   bash Scripts/sanitize.sh            # both
#   bash Scripts/sanitize.sh address    # one of: address, thread
# Leak checking is off: Open MPI and the Swift runtime keep allocations alive until exit by design.
# Prints one closing line per sanitizer; exits non-zero when either run fails.
set -uo pipefail
cd "$(dirname "$0")/.."
kinds=("$@")
[ ${#kinds[@]} -gt 0 ] || kinds=(address thread)
jobs=${SANITIZE_JOBS:-2}
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=0:halt_on_error=1}"
export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}"
# The Swift runtime's crash handler (which reads a trapping job's memory for swift-backtrace) is not
# sanitizer-clean: under ASan it reports a stack-buffer-underflow in CrashHandlerLinux.cpp memserver_read,
# under TSan a runtime CHECK fails, and the job's SIGILL becomes exit status 1 or 66. Without it a trap
# stays a signal (what the failure tests check).
export SWIFT_BACKTRACE=enable=no
summary=()
status=0
for kind in "${kinds[@]}"; do
    case "$kind" in
        address) scratch=.build-asan ;;
        thread) scratch=.build-tsan ;;
        *) echo "unknown sanitizer '$kind' (address, thread)" >&2; exit 2 ;;
    esac
    echo "== swift test --sanitize=$kind (scratch path $scratch)"
    export SEPLAW_SANITIZER=$kind  # tests that cannot run under a sanitizer skip with a message
    log=$(mktemp -t "sanitize-$kind.XXXXXX")
    # Every process (test runner, ranks, jobs) writes its reports here, so that a report in a job's or a
    # rank's standard error, which the end-to-end tests keep in temporary files, is not missed.
    reports=$(pwd)/$scratch/sanitizer-reports
    rm -rf "$reports" && mkdir -p "$reports"
    case "$kind" in
        address) export ASAN_OPTIONS="$ASAN_OPTIONS:log_path=$reports/asan" ;;
        thread) export TSAN_OPTIONS="$TSAN_OPTIONS:log_path=$reports/tsan" ;;
    esac
    start=$(date +%s)
    # Build first (the end-to-end tests run the seplaw executable of the same, sanitized, build).
    if swift build -j "$jobs" --sanitize="$kind" --scratch-path "$scratch" --build-tests >"$log" 2>&1; then
        swift test -j "$jobs" --skip-build --sanitize="$kind" --scratch-path "$scratch" >>"$log" 2>&1
        rc=$?
    else
        rc=$?
        echo "build failed:"
    fi
    grep -E "error:|ERROR: |WARNING: ThreadSanitizer|SUMMARY: |Executed [0-9]+ test|skipped|failed \(" "$log" | tail -n 40
    if grep -qE "ERROR: AddressSanitizer|WARNING: ThreadSanitizer|SUMMARY: (Address|Thread)Sanitizer" "$log"; then
        rc=1
        echo "sanitizer reports above (full log: $log)"
    fi
    report_files=$(grep -lE "ERROR: AddressSanitizer|WARNING: ThreadSanitizer|SUMMARY: |CHECK failed" "$reports"/* 2>/dev/null | wc -l)
    if [ "$report_files" -gt 0 ]; then
        rc=1
        echo "$report_files process(es) wrote sanitizer reports in $reports:"
        grep -hE "SUMMARY: |CHECK failed" "$reports"/* | sort | uniq -c | head -n 20
    fi
    executed=$(grep -oE "Executed [0-9]+ tests?, with .*failures? \([0-9]+ unexpected\)" "$log" | tail -n 1)
    case "$executed" in *" 0 failures"*) ;; *) rc=1 ;; esac
    summary+=("$kind: ${executed:-no test summary}; $report_files processes with reports; $(( $(date +%s) - start )) s; $([ "$rc" -eq 0 ] && echo clean || echo FAILED)")
    [ "$rc" -eq 0 ] || status=1
done
for line in "${summary[@]}"; do echo "sanitize $line"; done
exit "$status"
