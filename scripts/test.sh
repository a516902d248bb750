#!/usr/bin/env bash
# Runs every test of the solution. Needs only the .NET 10 SDK: packages restore from NuGet,
# RocksDB's native library ships inside its package.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Carechain.slnx -c Release
dotnet test Carechain.slnx -c Release --no-build --logger "console;verbosity=normal" "$@"
