#!/usr/bin/env bash
# The main job on the embedded default, end to end on a fresh machine:
# build the CLI, start a dev node, make a key, anchor a file, verify its proof offline,
# then check the whole store offline. Leaves everything under ./demo-data.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Carechain.Cli -c Release -o .build/cli >/dev/null
carechain() { dotnet .build/cli/carechain.dll "$@"; }

data=demo-data
url=http://127.0.0.1:7070
mkdir -p "$data"
dotnet .build/cli/carechain.dll node run --dev --data "$data/node" --urls "$url" >"$data/node.log" 2>&1 &
node_pid=$!
trap 'kill $node_pid 2>/dev/null; wait $node_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do carechain head --node "$url" >/dev/null 2>&1 && break; sleep 0.2; done

export CARECHAIN_DEMO_PASSPHRASE=${CARECHAIN_DEMO_PASSPHRASE:-demo passphrase}
[ -f "$data/alice.key" ] || carechain keys new --out "$data/alice.key" --passphrase-env CARECHAIN_DEMO_PASSPHRASE --fast
echo "Carechain demo document $(date -u +%FT%TZ)" >"$data/document.txt"
carechain anchor "$data/document.txt" --key "$data/alice.key" --node "$url" --passphrase-env CARECHAIN_DEMO_PASSPHRASE \
  --proof-out "$data/document.proof.json"
carechain proof verify "$data/document.proof.json" --checkpoint "$data/document.checkpoint.json"

kill $node_pid; wait $node_pid 2>/dev/null || true
trap - EXIT
carechain verify --data "$data/node"
