#!/usr/bin/env bash
# Starts the local PostgreSQL (Debian's `postgresql` package, listening on 127.0.0.1) when it is
# down and makes the `disputekit` role the tests and the sample PostgreSQL settings use.
# Sourced by test.sh; safe to run again. Prints nothing when all is already in place.
set -euo pipefail

DK_PG_HOST=127.0.0.1
DK_PG_PORT=${DK_PG_PORT:-5432}
DK_PG_ROLE=${DK_PG_ROLE:-disputekit}
DK_PG_PASSWORD=${DK_PG_PASSWORD:-disputekit}

dk_as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$1"; else sudo -u postgres sh -c "$1"; fi
}

dk_start_postgres() {
  if ! pg_isready -q -h "$DK_PG_HOST" -p "$DK_PG_PORT" 2>/dev/null; then
    if ! command -v pg_lsclusters >/dev/null 2>&1; then
      echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2
      return 1
    fi
    local cluster
    cluster=$(pg_lsclusters -h | awk -v port="$DK_PG_PORT" '$3 == port { print $1 " " $2; exit }')
    if [ -z "$cluster" ]; then
      echo "No PostgreSQL cluster on port $DK_PG_PORT (pg_lsclusters lists none)" >&2
      return 1
    fi
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    # shellcheck disable=SC2086
    $sudo pg_ctlcluster $cluster start >&2
    for _ in $(seq 1 30); do
      pg_isready -q -h "$DK_PG_HOST" -p "$DK_PG_PORT" && break
      sleep 1
    done
  fi

  local exists
  exists=$(dk_as_postgres "psql -p $DK_PG_PORT -tAc \"select 1 from pg_roles where rolname = '$DK_PG_ROLE'\"")
  if [ "$exists" != "1" ]; then
    dk_as_postgres "psql -q -p $DK_PG_PORT -c \"create role $DK_PG_ROLE login password '$DK_PG_PASSWORD' createdb\"" >&2
  fi

  export DISPUTEKIT_TEST_POSTGRES="Host=$DK_PG_HOST;Port=$DK_PG_PORT;Username=$DK_PG_ROLE;Password=$DK_PG_PASSWORD;Database=postgres"
}
