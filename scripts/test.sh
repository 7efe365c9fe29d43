#!/usr/bin/env bash
# Runs every test (unit, both storage backends over HTTP, headless browser) after setting up what
# they need. On Debian as root it installs and starts what is missing: PostgreSQL 15 with PostGIS 3,
# GDAL, Chromium and its driver, a CJK font, PyQGIS. Elsewhere, provide these yourself and point the tests at them:
#   LUQIAO_TEST_PG_URL (a maintenance database, default jdbc:postgresql://127.0.0.1:5432/postgres),
#   LUQIAO_TEST_PG_USER (default postgres; must be allowed to create databases and the postgis extension),
#   LUQIAO_TEST_PG_PASSWORD, LUQIAO_TEST_CHROMIUM (default /usr/bin/chromium),
#   LUQIAO_TEST_CHROMEDRIVER (default /usr/bin/chromedriver), LUQIAO_TEST_PYTHON (a Python that imports
#   qgis.core, QGIS 3.22 or newer with its providers; default /usr/bin/python3).
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
fi

say "running the tests"
exec ./mvnw -B verify "$@"
