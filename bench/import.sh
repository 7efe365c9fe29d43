#!/usr/bin/env bash
# Import benchmark (issue #6): a 1,000,000-parcel GBK shapefile in EPSG:4549, made by ogr2ogr, uploaded
# to a server running with a 512 MB heap on PostGIS; measures upload, dry run and commit (rows/s) and the
# server's peak resident memory. Usage: bash bench/import.sh [rows] (from the repository root, after
# ./mvnw package -DskipTests). Not part of scripts/test.sh.
set -euo pipefail
ROWS=${1:-1000000}
PORT=${PORT:-18082}
WORK=${WORK:-/tmp/luqiao-import-bench}
DB=luqiao_import_bench
mkdir -p "$WORK"
if [ ! -f "$WORK/parcels-$ROWS.zip" ]; then
  python3 bench/import_data.py "$WORK/parcels.csv" "$ROWS"
  rm -rf "$WORK/shp" && mkdir "$WORK/shp"
  ogr2ogr -f "ESRI Shapefile" -oo GEOM_POSSIBLE_NAMES=wkt -oo KEEP_GEOM_COLUMNS=NO -oo AUTODETECT_TYPE=YES -oo AUTODETECT_WIDTH=YES -oo QUOTED_FIELDS_AS_STRING=YES -s_srs EPSG:4326 -t_srs EPSG:4549 \
    -lco ENCODING=GBK -nlt POLYGON "$WORK/shp/parcels.shp" "$WORK/parcels.csv"
  (cd "$WORK/shp" && zip -q "$WORK/parcels-$ROWS.zip" parcels.*)
fi
ls -l "$WORK/parcels-$ROWS.zip"
psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
psql -q -h 127.0.0.1 -U postgres -d $DB -c "CREATE EXTENSION postgis"
LUQIAO_DB_URL=jdbc:postgresql://127.0.0.1:5432/$DB LUQIAO_ADMIN_PASSWORD=bench-admin \
  java -Xmx512m -jar target/luqiao-map.jar --spring.profiles.active=postgis --server.port=$PORT \
  --luqiao.security.cookie-secure=false --luqiao.transfer.staging-dir="$WORK/staging" > "$WORK/server.log" 2>&1 &
PID=$!
trap 'kill $PID' EXIT
until curl -sf "http://localhost:$PORT/api/config" > /dev/null; do sleep 1; done
peak() { awk '/VmHWM/ {print $2 / 1024 " MB"}' /proc/$PID/status; }
echo "server up; peak RSS so far $(peak)"
t0=$(date +%s.%N)
ID=$(curl -sf -u admin:bench-admin -H 'Content-Type: application/zip' --data-binary @"$WORK/parcels-$ROWS.zip" \
  "http://localhost:$PORT/api/import/parcels?filename=parcels.zip" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
t1=$(date +%s.%N)
while [ "$(curl -sf -u admin:bench-admin "http://localhost:$PORT/api/import/$ID" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')" = reading ]; do sleep 2; done
t2=$(date +%s.%N)
curl -sf -u admin:bench-admin "http://localhost:$PORT/api/import/$ID" | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["format"], j["crs"], j["encoding"], j["report"]["read"], "read,", j["report"]["rejectedCount"], "rejected")'
curl -sf -u admin:bench-admin -X POST "http://localhost:$PORT/api/import/$ID/commit" | python3 -c 'import json,sys; print(json.load(sys.stdin)["imported"], "imported")'
t3=$(date +%s.%N)
python3 - "$t0" "$t1" "$t2" "$t3" "$ROWS" <<'PY'
import sys
t0, t1, t2, t3, n = map(float, sys.argv[1:])
print(f"upload+staging {t1-t0:.1f} s; dry run {t2-t1:.1f} s ({n/(t2-t1):,.0f} rows/s); commit {t3-t2:.1f} s ({n/(t3-t2):,.0f} rows/s)")
PY
echo "peak RSS $(peak)"
psql -tA -h 127.0.0.1 -U postgres -d $DB -c "SELECT COUNT(*), COUNT(*) FILTER (WHERE parcel_no LIKE 'IMP-%'), (SELECT COUNT(*) FROM feature_versions WHERE action = 'import') FROM parcels"
