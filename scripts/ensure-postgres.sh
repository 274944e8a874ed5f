#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 for the integration tests and prints, on
# stdout and nothing else, a URL with which the tests may create and drop databases:
#   export TEST_DATABASE_URL="$(bash scripts/ensure-postgres.sh)"
# - TEST_DATABASE_URL already set and answering: printed as it is.
# - Nothing answers on 127.0.0.1:5432: as root on Debian, installs the `postgresql` package when it is
#   missing, creates a cluster when there is none, and starts it (no systemd on CI machines, so
#   pg_ctlcluster, not `service`).
# - Then, through the local socket as the `postgres` OS user, creates (idempotently) a role `d4h_test`
#   with CREATEDB and a password, and its database, so the TCP URL works under Debian's default
#   scram-sha-256 rule for 127.0.0.1 without editing pg_hba.conf.
# Progress goes to stderr; exit 1 with a reason when no server can be had.
set -euo pipefail

HOST=127.0.0.1
PORT=5432
ROLE=d4h_test
PASSWORD=d4h_test
URL="postgres://${ROLE}:${PASSWORD}@${HOST}:${PORT}/${ROLE}"

say() { echo "ensure-postgres: $*" >&2; }
answers() { pg_isready -q -h "$HOST" -p "$PORT" 2>/dev/null; }
usable() { psql "$1" -qAtc 'select 1' >/dev/null 2>&1; }

if [ -n "${TEST_DATABASE_URL:-}" ] && command -v psql >/dev/null && usable "$TEST_DATABASE_URL"; then
  echo "$TEST_DATABASE_URL"
  exit 0
fi

if ! command -v pg_ctlcluster >/dev/null || ! command -v psql >/dev/null; then
  if [ "$(id -u)" != 0 ] || [ ! -f /etc/debian_version ]; then
    say "no PostgreSQL here and cannot install one (needs root on Debian): apt-get install -y postgresql"
    exit 1
  fi
  say "installing Debian's postgresql package…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi

if ! answers; then
  if [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
    version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    say "creating cluster ${version}/main"
    pg_createcluster "$version" main --port "$PORT" >&2
  fi
  read -r version cluster _ < <(pg_lsclusters -h | awk -v port="$PORT" '$3 == port' | head -n 1)
  if [ -z "${version:-}" ]; then
    say "no cluster is configured for port ${PORT} (see pg_lsclusters)"
    exit 1
  fi
  say "starting PostgreSQL ${version}/${cluster} on port ${PORT}"
  pg_ctlcluster "$version" "$cluster" start >&2
  for _ in $(seq 1 60); do answers && break; sleep 0.5; done
  answers || { say "PostgreSQL did not answer on ${HOST}:${PORT} within 30 s"; exit 1; }
fi

if usable "$URL"; then
  echo "$URL"
  exit 0
fi

if id postgres >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qAt >&2 <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${ROLE}') THEN
    CREATE ROLE ${ROLE} LOGIN CREATEDB PASSWORD '${PASSWORD}';
  END IF;
END
\$\$;
SELECT 'CREATE DATABASE ${ROLE} OWNER ${ROLE}' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '${ROLE}')\gexec
SQL
fi

if usable "$URL"; then
  echo "$URL"
  exit 0
fi
# A server this script did not set up (another machine's convention): the trust login the suite used before.
if usable "postgres://postgres@${HOST}:${PORT}/postgres"; then
  echo "postgres://postgres@${HOST}:${PORT}/postgres"
  exit 0
fi
say "PostgreSQL answers on ${HOST}:${PORT} but no login works (tried ${ROLE} and postgres)"
exit 1
