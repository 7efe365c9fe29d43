#!/usr/bin/env bash
# Runs every test (unit, both storage backends over HTTP, headless browser) after setting up what
# they need. On Debian as root it installs and starts what is missing: PostgreSQL 15 with PostGIS 3,
# GDAL, Chromium and its driver, a CJK font, PyQGIS, nginx; and lets the local cluster accept replication
# connections from 127.0.0.1 (ClusterIT copies it into a streaming replica). Elsewhere, provide these yourself and point the tests at them:
#   LUQIAO_TEST_PG_URL (a maintenance database, default jdbc:postgresql://127.0.0.1:5432/postgres),
#   LUQIAO_TEST_PG_USER (default postgres; must be allowed to create databases and the postgis extension),
#   LUQIAO_TEST_PG_PASSWORD, LUQIAO_TEST_CHROMIUM (default /usr/bin/chromium),
#   LUQIAO_TEST_CHROMEDRIVER (default /usr/bin/chromedriver), LUQIAO_TEST_PYTHON (a Python that imports
#   qgis.core, QGIS 3.22 or newer with its providers; default /usr/bin/python3), LUQIAO_TEST_NGINX (default
#   /usr/sbin/nginx), LUQIAO_TEST_PG_BIN (PostgreSQL's server programs, default /usr/lib/postgresql/<major>/bin;
#   the server must accept replication connections of LUQIAO_TEST_PG_USER from 127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '==> %s\n' "$*"; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v ogrinfo >/dev/null 2>&1 || missing+=(gdal-bin)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1 || missing+=(postgresql-15-postgis-3)
# Chinese zone names on server-rendered PNG tiles need a CJK font.
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-wqy-microhei)
# The print tests read the printed PDFs back with pdftoppm and pdftotext.
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
# The map style's tests run MapLibre's style validator and MapLibre GL JS, which npm installs into target/npm.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
# QGIS 3.22 as a client (PyQgisContract): PyQGIS for Debian's own Python, and the OAPIF provider and
# authentication methods, which are in qgis-providers.
"${LUQIAO_TEST_PYTHON:-/usr/bin/python3}" -c 'import qgis.core' >/dev/null 2>&1 || missing+=(python3-qgis)
ls /usr/lib/qgis/plugins/libprovider_wfs.so >/dev/null 2>&1 || missing+=(qgis-providers)
# The balancer of ClusterIT (two instances behind deploy/nginx.conf). The test starts its own nginx (-p, -c);
# no nginx service is needed.
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing ${missing[*]}"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  else
    echo "Missing: ${missing[*]}. Install them (Debian package names) or run this as root on Debian." >&2
    exit 1
  fi
fi

if [ -z "${LUQIAO_TEST_PG_URL:-}" ]; then
  # The local PostgreSQL: start its cluster when it is not running.
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    say "starting the local PostgreSQL"
    cluster=$(ls /etc/postgresql | sort -V | tail -n 1)
    pg_ctlcluster --skip-systemctl-redirect "$cluster" main start
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
  if ! psql -h 127.0.0.1 -U postgres -d postgres -tAc 'SELECT 1' >/dev/null 2>&1; then
    # A fresh Debian cluster asks for a password over TCP: give the postgres role one for the tests.
    if [ "$(id -u)" = 0 ]; then
      export LUQIAO_TEST_PG_PASSWORD="${LUQIAO_TEST_PG_PASSWORD:-luqiao-test}"
      su postgres -c "psql -q -c \"ALTER ROLE postgres PASSWORD '$LUQIAO_TEST_PG_PASSWORD'\""
    else
      echo "Cannot connect to PostgreSQL at 127.0.0.1:5432 as postgres; set LUQIAO_TEST_PG_URL/USER/PASSWORD." >&2
      exit 1
    fi
  fi

  # ClusterIT makes a streaming replica with pg_basebackup from 127.0.0.1: allow replication from there.
  if [ "$(id -u)" = 0 ]; then
    cluster=$(ls /etc/postgresql | sort -V | tail -n 1)
    hba=/etc/postgresql/$cluster/main/pg_hba.conf
    if [ -f "$hba" ] && ! grep -Eq '^\s*host\s+replication\s+(all|postgres)\s+127\.0\.0\.1/32' "$hba"; then
      say "allowing replication connections from 127.0.0.1 ($hba)"
      method=trust
      [ -n "${LUQIAO_TEST_PG_PASSWORD:-}" ] && method=scram-sha-256
      echo "host replication all 127.0.0.1/32 $method" >> "$hba"
      su postgres -c "psql -q -c 'SELECT pg_reload_conf()'" >/dev/null
    fi
  fi
fi

say "running the tests"
exec ./mvnw -B verify "$@"
