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
dotnet test Carechain.slnx -c Release --no-build --logger "console;verbosity=normal" "$@"
