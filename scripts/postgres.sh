#!/usr/bin/env bash
# Makes a local PostgreSQL available for the vault's PostgreSQL tests and prints its connection
# string on stdout (everything else goes to stderr). Idempotent and fast when already done:
#   1. nothing to do when CARECHAIN_VAULT_POSTGRES is already set (it is printed back);
#   2. installs Debian's postgresql package when its tools are missing (needs root and apt-get);
#   3. creates a cluster of its own ("carechain", loopback port CARECHAIN_PG_PORT, default 55432),
#      starts it, and creates the role and database the tests use.
# Usage: export CARECHAIN_VAULT_POSTGRES="$(./scripts/postgres.sh)"
# Exits non-zero with a one-line reason when PostgreSQL cannot be provided.
set -euo pipefail

if [ -n "${CARECHAIN_VAULT_POSTGRES:-}" ]; then
  echo "$CARECHAIN_VAULT_POSTGRES"
  exit 0
fi

port=${CARECHAIN_PG_PORT:-55432}
cluster=carechain
role=carechain
password=carechain
database=carechain_vault
say() { echo "postgres.sh: $*" >&2; }

# Several checkouts on one machine may call this at once: one at a time installs and creates.
exec 9>"${TMPDIR:-/tmp}/carechain-postgres.lock"
flock 9

# A machine may have the client (psql) without the server: both the cluster tools and a server binary are needed.
if ! command -v pg_createcluster >/dev/null 2>&1 || ! compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    say "PostgreSQL is not installed and this is not a root Debian shell; install the 'postgresql' package"
    exit 1
  fi
  say "installing PostgreSQL from Debian packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 9>&-
  apt-get install -y -qq postgresql >&2 9>&-
fi

# The newest installed major version that has a server.
version=$(for d in /usr/lib/postgresql/*/bin/postgres; do [ -x "$d" ] && basename "$(dirname "$(dirname "$d")")"; done | sort -n | tail -1)
if [ -z "$version" ]; then
  say "no PostgreSQL server found under /usr/lib/postgresql"
  exit 1
fi

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if ! pg_lsclusters -h | awk '{print $1"/"$2}' | grep -qx "$version/$cluster"; then
  say "creating cluster $version/$cluster on 127.0.0.1:$port"
  as_postgres pg_createcluster "$version" "$cluster" --port "$port" \
    -- --auth-local=peer --auth-host=scram-sha-256 >&2
  echo "listen_addresses = '127.0.0.1'" | as_postgres tee -a "/etc/postgresql/$version/$cluster/postgresql.conf" >/dev/null
fi

mkdir -p /var/run/postgresql
chown postgres:postgres /var/run/postgresql 2>/dev/null || true
if ! pg_lsclusters -h | awk -v c="$cluster" -v v="$version" '$1==v && $2==c {print $4}' | grep -qx online; then
  say "starting cluster $version/$cluster"
  # The server must not inherit the lock's descriptor (9>&-): it would hold the lock for as long as
  # it runs, and every later call would wait on it forever.
  if [ "$(id -u)" = 0 ]; then
    pg_ctlcluster "$version" "$cluster" start >&2 9>&-
  else
    as_postgres pg_ctlcluster "$version" "$cluster" start >&2 9>&-
  fi
fi

psql_admin() { as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$port" -h /var/run/postgresql -d postgres "$@"; }
if [ "$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" != 1 ]; then
  psql_admin -c "CREATE ROLE $role LOGIN PASSWORD '$password'" >&2
fi
if [ "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'")" != 1 ]; then
  psql_admin -c "CREATE DATABASE $database OWNER $role" >&2
fi

echo "Host=127.0.0.1;Port=$port;Database=$database;Username=$role;Password=$password"
