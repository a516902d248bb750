#!/usr/bin/env bash
# Runs every test of the solution. Needs the .NET 10 SDK: packages restore from NuGet,
# RocksDB's native library ships inside its package. The vault's PostgreSQL tests need a
# PostgreSQL: scripts/postgres.sh provides one (installing Debian's package when run as root)
# unless CARECHAIN_VAULT_POSTGRES already names one.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${CARECHAIN_VAULT_POSTGRES:-}" ]; then
  if CARECHAIN_VAULT_POSTGRES="$(./scripts/postgres.sh)"; then
    export CARECHAIN_VAULT_POSTGRES
  else
    echo "test.sh: no PostgreSQL available; the vault's PostgreSQL tests will be skipped (they fail under CI=true)" >&2
  fi
fi
dotnet build Carechain.slnx -c Release
mkdir -p .build
log=.build/test.log
# The console log is also kept, so that a failure's name and message can be repeated at the end,
# where a truncated CI log still shows them.
if ! dotnet test Carechain.slnx -c Release --no-build --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"; then
  echo "test.sh: failed tests (full log in $log):" >&2
  grep -A 12 -E '^ +Failed [A-Za-z_.]+' "$log" | cut -c1-300 >&2 || true
  exit 1
fi
