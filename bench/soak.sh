#!/usr/bin/env bash
# Soak check (issue #17): runs the server jar on the embedded default (H2GIS) and on PostGIS under
# mixed traffic (reads, tiles, edits, transitions, imports) with a short pool max-lifetime, so every
# pooled connection is replaced many times; fails on any 5xx. Not part of scripts/test.sh.
#
#   bash bench/soak.sh                     # 2 h per backend
#   SOAK_SECONDS=300 bash bench/soak.sh    # 5 minutes per backend
#
# SOAK_SECONDS (7200) per backend, SOAK_BACKENDS ("h2gis postgis"), SOAK_MAX_LIFETIME (30000 ms, Hikari's
# minimum), SOAK_HEAP (512m), SOAK_PORT (18190), SOAK_DB (luqiao_soak: dropped and recreated on
# 127.0.0.1:5432 as SOAK_PG_USER, default postgres). Output in bench/out/soak-*.log.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_BACKEND=${SOAK_SECONDS:-7200}
BACKENDS=${SOAK_BACKENDS:-h2gis postgis}
MAX_LIFETIME=${SOAK_MAX_LIFETIME:-30000}
HEAP=${SOAK_HEAP:-512m}
PORT=${SOAK_PORT:-18190}
DB=${SOAK_DB:-luqiao_soak}
PG_USER=${SOAK_PG_USER:-postgres}
PASSWORD=soak-admin-password
OUT=$PWD/bench/out
JAR=target/luqiao-map.jar
mkdir -p "$OUT"

# A jar older than the sources is rebuilt, so the soak runs the code in this checkout.
if [ ! -f "$JAR" ] || [ -n "$(find src pom.xml frontend -newer "$JAR" -print -quit)" ] \
   || ! unzip -l "$JAR" | grep -q 'BOOT-INF/lib/'; then
  ./mvnw -q -B package -DskipTests
fi

app=
data=
cleanup() {
  if [ -n "$app" ]; then kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; fi
  if [ -n "$data" ]; then rm -rf "$data"; fi
}
trap cleanup EXIT

status=0
for backend in $BACKENDS; do
  log=$OUT/soak-$backend.log
  data=$(mktemp -d /tmp/luqiao-soak.XXXXXX)
  args=(--server.port=$PORT --luqiao.security.admin-password=$PASSWORD --luqiao.security.cookie-secure=false
        --luqiao.security.rate-limit.enabled=false --spring.datasource.hikari.max-lifetime=$MAX_LIFETIME
        --logging.level.com.zaxxer.hikari.pool.PoolBase=DEBUG
        --luqiao.data-dir="$data/h2" --luqiao.transfer.staging-dir="$data/imports")
  if [ "$backend" = postgis ]; then
    psql -q -h 127.0.0.1 -U "$PG_USER" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
    psql -q -h 127.0.0.1 -U "$PG_USER" -d $DB -c "CREATE EXTENSION postgis"
    args+=(--spring.profiles.active=postgis --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/$DB
           --spring.datasource.username="$PG_USER")
  fi
  echo "== $backend: ${SECONDS_PER_BACKEND} s, pool max-lifetime ${MAX_LIFETIME} ms, heap $HEAP (server log: $log)"
  java -Xmx"$HEAP" -jar "$JAR" "${args[@]}" >"$log" 2>&1 &
  app=$!
  up=
  for _ in $(seq 1 180); do
    if curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/zones?limit=1"; then up=1; break; fi
    kill -0 "$app" 2>/dev/null || break
    sleep 1
  done
  if [ -z "$up" ]; then echo "the server did not start on $backend; see $log" >&2; exit 1; fi
  python3 bench/soak.py "$PORT" "$app" "$SECONDS_PER_BACKEND" "$PASSWORD" "$backend" | tee "$OUT/soak-$backend.out" || status=1
  retired=$(grep -c "Closing connection .*(connection has passed maxLifetime)" "$log" || true)
  echo "[$backend] pooled connections retired at max-lifetime: $retired; ERROR lines in the server log: $(grep -c ' ERROR ' "$log" || true)"
  kill "$app"; wait "$app" 2>/dev/null || true; app=
  rm -rf "$data"; data=
  if [ "$backend" = postgis ]; then psql -q -h 127.0.0.1 -U "$PG_USER" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"; fi
done
exit $status
