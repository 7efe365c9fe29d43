#!/usr/bin/env bash
# Outage check (issue #13), by hand, not part of scripts/test.sh. Runs the server jar on PostGIS (a throwaway
# database) under steady anonymous mixed traffic (bench/outage.py), then
#   1. restarts PostgreSQL (pg_ctlcluster 15 main restart): the SHARED server goes away for a few seconds,
#      so run it when no one's tests use 127.0.0.1:5432;
#   2. kill -9s the server in the middle of a large import commit, starts it again, and checks that the
#      parcels table and the version rows are exactly as before (the import is all-or-nothing).
# Fails unless the clients saw no 500 (503 with Retry-After is the expected answer while the database is
# away; refused connections while the server itself is down are counted apart).
#
#   bash bench/outage.sh
#
# OUTAGE_PORT (18191), OUTAGE_DB (luqiao_outage: dropped and recreated), OUTAGE_PG_USER (postgres),
# OUTAGE_PARCELS (30000: rows of the large import), OUTAGE_CLUSTER ("15 main"), OUTAGE_STEADY (15 s of
# traffic between the steps). Output in bench/out/outage-*.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${OUTAGE_PORT:-18191}
DB=${OUTAGE_DB:-luqiao_outage}
PG_USER=${OUTAGE_PG_USER:-postgres}
PARCELS=${OUTAGE_PARCELS:-30000}
CLUSTER=${OUTAGE_CLUSTER:-15 main}
STEADY=${OUTAGE_STEADY:-15}
PASSWORD=outage-admin-password
OUT=$PWD/bench/out
JAR=target/luqiao-map.jar
mkdir -p "$OUT"
psql_db() { psql -X -q -t -A -h 127.0.0.1 -U "$PG_USER" -d "$DB" "$@"; }

if [ ! -f "$JAR" ] || [ -n "$(find src pom.xml frontend -newer "$JAR" -print -quit)" ] \
   || ! unzip -l "$JAR" | grep -q 'BOOT-INF/lib/'; then
  ./mvnw -q -B -o package -DskipTests
fi

app=
traffic=
data=$(mktemp -d /tmp/luqiao-outage.XXXXXX)
cleanup() {
  touch "$data/stop"
  if [ -n "$traffic" ]; then wait "$traffic" 2>/dev/null || true; fi
  if [ -n "$app" ]; then kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; fi
  rm -rf "$data"
}
trap cleanup EXIT

psql -X -q -h 127.0.0.1 -U "$PG_USER" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
psql_db -c "CREATE EXTENSION postgis"
args=(--server.port=$PORT --luqiao.security.admin-password=$PASSWORD --luqiao.security.cookie-secure=false
      --luqiao.security.rate-limit.enabled=false --luqiao.transfer.staging-dir="$data/imports"
      --spring.datasource.hikari.connection-timeout=3000
      --spring.profiles.active=postgis --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/$DB
      --spring.datasource.username="$PG_USER")
log=$OUT/outage-server.log
: > "$log"
start_server() {
  java -Xmx512m -jar "$JAR" "${args[@]}" >>"$log" 2>&1 &
  app=$!
  for _ in $(seq 1 180); do
    if curl -sf -o /dev/null "http://127.0.0.1:$PORT/actuator/health/readiness"; then return 0; fi
    kill -0 "$app" 2>/dev/null || break
    sleep 1
  done
  echo "the server did not start; see $log" >&2
  exit 1
}
start_server
echo "== server up (pid $app, log $log); steady traffic for ${STEADY} s"
python3 bench/outage.py "$PORT" "$data/stop" 4 > "$OUT/outage-traffic.out" 2>&1 &
traffic=$!
sleep "$STEADY"

echo "== 1. PostgreSQL restart (pg_ctlcluster $CLUSTER restart)"
t0=$(date +%s.%N)
pg_ctlcluster $CLUSTER restart
t1=$(date +%s.%N)
echo "   pg_ctlcluster restart took $(python3 -c "print(round($t1 - $t0, 1))") s"
codes=""
for _ in $(seq 1 60); do
  code=$(curl -s -o /dev/null -m 10 -w '%{http_code}' "http://127.0.0.1:$PORT/actuator/health/readiness")
  codes="$codes $code"
  [ "$code" = 200 ] && break
  sleep 0.5
done
echo "   readiness after the restart:$codes (UP $(python3 -c "import time; print(round(time.time() - $t1, 1))") s after it)"
sleep "$STEADY"

echo "== 2. kill -9 during the commit of an import of $PARCELS parcels"
python3 - "$PARCELS" > "$data/big.geojson" <<'PY'
import json, random, sys
random.seed(13)
n = int(sys.argv[1])
feats = []
for i in range(n):
    lon, lat = 121.40 + (i % 400) * 0.0003, 28.50 + (i // 400) * 0.0003
    s = 0.0002
    feats.append({"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[lon, lat], [lon + s, lat], [lon + s, lat + s], [lon, lat + s], [lon, lat]]]},
                  "properties": {"parcel_no": f"OUT-{i:06d}", "LU_CODE": "0701", "LU_NAME": "城镇住宅用地", "LU_L1_CODE": "07",
                                 "LU_L1_NAME": "居住用地", "status": "做地", "renovation": "盘活置换", "town": "路桥街道", "owner": "断电测试"}})
print(json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False))
PY
snapshot() {
  psql_db -c "SELECT (SELECT count(*) FROM parcels) || ' parcels ' || (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY parcel_no), '')) FROM parcels t)
              || ', ' || (SELECT count(*) FROM feature_versions) || ' versions ' || (SELECT md5(coalesce(string_agg(v::text, '|' ORDER BY v::text), '')) FROM feature_versions v)"
}
before=$(snapshot)
echo "   before: $before"
job=$(curl -sf -u "admin:$PASSWORD" -X POST -H 'Content-Type: application/octet-stream' --data-binary @"$data/big.geojson" \
  "http://127.0.0.1:$PORT/api/import/parcels?filename=big.geojson" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
while [ "$(curl -sf -u "admin:$PASSWORD" "http://127.0.0.1:$PORT/api/import/$job" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')" = reading ]; do sleep 1; done
echo "   dry run: $(curl -sf -u "admin:$PASSWORD" "http://127.0.0.1:$PORT/api/import/$job" | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["status"], j["report"]["read"], "read,", j["report"]["rejectedCount"], "rejected")')"
curl -s -o "$data/commit.out" -w '%{http_code}' -u "admin:$PASSWORD" -X POST "http://127.0.0.1:$PORT/api/import/$job/commit" > "$data/commit.status" 2>/dev/null &
committer=$!
# Wait until the commit's transaction is writing (a session whose last statement inserts parcels or their
# version rows, still inside its transaction), then kill the server in the middle of it.
busy=0
for _ in $(seq 1 1200); do
  busy=$(psql_db -c "SELECT count(*) FROM pg_stat_activity WHERE datname = '$DB' AND state IN ('active', 'idle in transaction')
                     AND (query ILIKE 'insert into parcels%' OR query ILIKE 'insert into feature_versions%')" 2>/dev/null || echo 0)
  [ "${busy:-0}" -gt 0 ] && break
  sleep 0.05
done
sleep 0.3
echo "   server sessions in the import transaction: ${busy:-0}; kill -9 $app"
kill -9 "$app"; wait "$app" 2>/dev/null || true; app=
wait "$committer" 2>/dev/null || true
echo "   the committing client saw: HTTP $(cat "$data/commit.status") (000: connection cut)"
sleep 2
after_kill=$(snapshot)
echo "   after kill -9: $after_kill"
killed_at=$(date +%s.%N)
start_server
echo "   server back after $(python3 -c "import time; print(round(time.time() - $killed_at, 1))") s"
after_restart=$(snapshot)
echo "   after restart: $after_restart"
sleep "$STEADY"

touch "$data/stop"
wait "$traffic" || true; traffic=
cat "$OUT/outage-traffic.out"
status=0
if [ "$before" != "$after_kill" ] || [ "$before" != "$after_restart" ]; then
  echo "FAIL: the parcels or version rows changed: the import was not all-or-nothing"; status=1
else
  echo "OK: parcels and version rows exactly as before the killed import"
fi
python3 - "$OUT/outage-traffic.out" <<'PY' || status=1
import json, sys
summary = json.loads(open(sys.argv[1]).readline())
s = summary["statuses"]
five = {k: v for k, v in s.items() if k.isdigit() and int(k) >= 500 and k != "503"}
bad = five or any(summary["checks"].values())
print(("FAIL" if bad else "OK") + f": {summary['requests']} requests, statuses {s}; 5xx other than 503: {five or 'none'}; checks {summary['checks']}")
sys.exit(1 if bad else 0)
PY
echo "server log: ERROR lines $(grep -c ' ERROR ' "$log" || true), 'Database unavailable' WARN lines $(grep -c 'Database unavailable' "$log" || true)"
psql -X -q -h 127.0.0.1 -U "$PG_USER" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
exit $status
