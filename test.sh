#!/usr/bin/env bash
# Runs every DisputeKit test (real Chromium, real HTTP to the Stripe fake on 127.0.0.1),
# then prints one line "N passed, N failed, N skipped" computed from the test results.
set -uo pipefail
cd "$(dirname "$0")"
. scripts/deps.sh
. scripts/postgres.sh
DK_FOR_TESTS=1 dk_install_dependencies || exit 1
# The PostgreSQL store and merchant-source tests use a throwaway database on this server.
dk_start_postgres || exit 1

results="TestResults/run-$(date +%Y%m%d%H%M%S)-$$"
status=0
dotnet build DisputeKit.sln -nologo -v quiet -clp:ErrorsOnly || status=$?
if [ "$status" -eq 0 ]; then
  for project in tests/*/*.csproj; do
    name=$(basename "$project" .csproj)
    dotnet test "$project" --no-build -nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" "$@" || status=$?
  done
fi

passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done

# A build failure or a crashed test host leaves no results: that is a failure, not zero tests.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
expected=$(ls tests/*/*.csproj | wc -l)
if [ "$files" -lt "$expected" ]; then
  echo "only $files of $expected test projects reported results" >&2
  [ "$failed" -eq 0 ] && failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
