#!/bin/sh
# Writes a Swift file with the git commit of a source tree and whether the tree has uncommitted changes (run by
# Plugins/BuildInfoPlugin whenever the git state or a source file changes). Never fails the build: without git, or
# outside a repository, the commit is recorded as unknown. Rewrites the file only when its text changes.
# Usage: build-info.sh SOURCE_DIR OUTPUT_FILE
source_dir=$1
output=$2
commit=
dirty=nil
if command -v git >/dev/null 2>&1; then
    commit=$(git -C "$source_dir" rev-parse HEAD 2>/dev/null) || commit=
    if [ -n "$commit" ]; then
        if changes=$(git --no-optional-locks -C "$source_dir" status --porcelain 2>/dev/null); then
            if [ -n "$changes" ]; then dirty=true; else dirty=false; fi
        fi
    fi
fi
case $commit in
    *[!0-9a-f]*) commit= ;;
esac
if [ -n "$commit" ]; then quoted="\"$commit\""; else quoted=nil; fi
text="// Written by Scripts/build-info.sh when the git state or a source changes; do not edit.
enum GeneratedBuildInfo {
    static let commit: String? = $quoted
    static let dirty: Bool? = $dirty
}"
mkdir -p "$(dirname "$output")" 2>/dev/null
if [ ! -f "$output" ] || [ "$(cat "$output" 2>/dev/null)" != "$text" ]; then
    printf '%s\n' "$text" > "$output.tmp.$$" 2>/dev/null && mv -f "$output.tmp.$$" "$output" 2>/dev/null
fi
exit 0
