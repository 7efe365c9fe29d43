#!/usr/bin/env bash
# Import benchmark (issues #6, #18): parcels made by import_data.py (the bench grid, Chinese attributes), in
# EPSG:4549 (CGCS2000 Gauss-Krüger), loaded in ONE run, back to back, by
#   1. /usr/bin/time -f "%U %S" -o "$WORK/ogr2ogr.cpu" ogr2ogr -f PostgreSQL --config PG_USE_COPY YES -t_srs EPSG:4326 into a plain table of the database, and
#   2. this server (-Xmx512m, PostGIS): upload, dry run, commit,
# so both meet the same load on the shared machine. Prints the rates, the ratios, the server's peak resident
# memory (VmHWM) and CPU per 1,000 rows of the server's JVM and of the database backends, and ends with one
# machine-readable line `IMPORT key=value ...` (bench/run.sh reads it).
#
# Usage (from the repository root): bash bench/import.sh [geojson|shapefile] [rows]
#   geojson   (default) 200,000 parcels as a GeoJSON FeatureCollection with its crs member (EPSG:4549)
#   shapefile 1,000,000 parcels as a zipped GBK shapefile (.prj, .cpg) in EPSG:4549
# Builds target/luqiao-map.jar first (./mvnw -o -q -B package -DskipTests); BUILD=0 skips that.
# JFR=1 records a flight recording of the server to $WORK/import.jfr (for `jfr print --events jdk.ExecutionSample`).
set -euo pipefail
FORMAT=${1:-geojson}
case "$FORMAT" in
  geojson) ROWS=${2:-200000} ;;
  shapefile) ROWS=${2:-1000000} ;;
  *) echo "usage: bash bench/import.sh [geojson|shapefile] [rows]" >&2; exit 2 ;;
esac
PORT=${PORT:-18082}
WORK=${WORK:-/tmp/luqiao-import-bench}
DB=${DB:-luqiao_import_bench}
HEAP=${HEAP:-512m}
PSQL=(psql -q -h 127.0.0.1 -U postgres)
mkdir -p "$WORK"
[ "${BUILD:-1}" = 0 ] || ./mvnw -o -q -B package -DskipTests

if [ ! -f "$WORK/parcels-$ROWS.csv" ]; then
  python3 bench/import_data.py "$WORK/parcels-$ROWS.csv" "$ROWS"
fi
csv_to() {   # $1 driver, $2 output, $3... layer creation options
  local driver=$1 out=$2; shift 2
  ogr2ogr -f "$driver" -oo GEOM_POSSIBLE_NAMES=wkt -oo KEEP_GEOM_COLUMNS=NO -oo AUTODETECT_TYPE=YES -oo AUTODETECT_WIDTH=YES \
    -oo QUOTED_FIELDS_AS_STRING=YES -s_srs EPSG:4326 -t_srs EPSG:4549 -nlt POLYGON "$@" "$out" "$WORK/parcels-$ROWS.csv"
}
if [ "$FORMAT" = geojson ]; then
  FILE=$WORK/parcels-$ROWS.geojson; TYPE=application/geo+json; NAME=parcels.geojson
  # Millimetres, as surveys deliver them; GDAL writes the crs member (urn:ogc:def:crs:EPSG::4549).
  [ -f "$FILE" ] || csv_to GeoJSON "$FILE" -lco COORDINATE_PRECISION=3 -nln parcels
  OGR_SOURCE=$FILE
else
  FILE=$WORK/parcels-$ROWS.zip; TYPE=application/zip; NAME=parcels.zip
  if [ ! -f "$FILE" ]; then
    rm -rf "$WORK/shp" && mkdir "$WORK/shp"
    csv_to "ESRI Shapefile" "$WORK/shp/parcels.shp" -lco ENCODING=GBK
    (cd "$WORK/shp" && zip -q "$FILE" parcels.*)
  fi
  OGR_SOURCE=$WORK/shp/parcels.shp
fi
ls -l "$FILE"

"${PSQL[@]}" -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
"${PSQL[@]}" -d $DB -c "CREATE EXTENSION postgis"
JFR_OPTION=()
[ "${JFR:-0}" = 1 ] && JFR_OPTION=("-XX:StartFlightRecording=filename=$WORK/import.jfr,settings=profile")
LUQIAO_DB_URL=jdbc:postgresql://127.0.0.1:5432/$DB LUQIAO_ADMIN_PASSWORD=bench-admin \
  java -Xmx$HEAP "${JFR_OPTION[@]}" -jar target/luqiao-map.jar --spring.profiles.active=postgis --server.port=$PORT \
  --luqiao.security.cookie-secure=false --luqiao.transfer.staging-dir="$WORK/staging" > "$WORK/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
until curl -sf "http://localhost:$PORT/api/config" > /dev/null; do sleep 1; done
peak() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' /proc/$PID/status; }
ticks() {   # CPU time (clock ticks) used so far by the given processes, as bench/run.sh counts it
  local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo $t
}
backends() { psql -h 127.0.0.1 -U postgres -d $DB -At -c "SELECT pid FROM pg_stat_activity WHERE datname = '$DB' AND pid <> pg_backend_pid()"; }
now() { date +%s.%N; }
echo "server up; peak RSS so far $(peak) MB; load $(cut -d' ' -f1-3 /proc/loadavg)"

import_file() {   # $1 file: upload, wait for the dry run, commit; prints the dry run's summary and the rows imported
  local id
  id=$(curl -sf -u admin:bench-admin -H "Content-Type: $TYPE" --data-binary @"$1" \
    "http://localhost:$PORT/api/import/parcels?filename=$NAME" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  t1=$(now); s1=$(ticks $PID); db1=$(backends); d1=$(ticks $db1)
  while [ "$(curl -sf -u admin:bench-admin "http://localhost:$PORT/api/import/$id" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')" = reading ]; do sleep 0.2; done
  t2=$(now); s2=$(ticks $PID); db2=$(backends); d2=$(ticks $db2)
  curl -sf -u admin:bench-admin "http://localhost:$PORT/api/import/$id" | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["format"], j["crs"], j["encoding"], j["report"]["read"], "read,", j["report"]["rejectedCount"], "rejected")'
  curl -sf -u admin:bench-admin -X POST "http://localhost:$PORT/api/import/$id/commit" | python3 -c 'import json,sys; print(json.load(sys.stdin)["imported"], "imported")'
  t3=$(now); s3=$(ticks $PID); db3=$(backends); d3=$(ticks $db3)
}
# This server, first warmed up (WARMUP=0 skips it): the JIT compiles the import's code once per JVM, and a running
# server has done that before its next large import. The warm-up file is the measured file's first tenth, with other ids.
WARM=
if [ "${WARMUP:-1}" = 1 ] && [ "$FORMAT" = geojson ]; then
  WARM=$WORK/warmup-$ROWS.geojson
  python3 - "$FILE" "$WARM" "$((ROWS / 10))" <<'PY'
import sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
    lines = [next(f) for _ in range(5 + n)]   # GDAL writes the header in 5 lines, then one feature a line
    out.write("".join(lines[:-1]).replace('"IMP-', '"WRM-') + lines[-1].replace('"IMP-', '"WRM-').rstrip().rstrip(",") + "\n]\n}\n")
PY
  import_file "$WARM" > /dev/null
  COLD="cold (first import of this JVM, $((ROWS / 10)) rows): dry run $(python3 -c "print(f'{$ROWS / 10 / ($t2 - $t1):,.0f}')") rows/s, commit $(python3 -c "print(f'{$ROWS / 10 / ($t3 - $t2):,.0f}')") rows/s, server CPU $(python3 -c "print(f'{($s3 - $s1) * 1000 / $(getconf CLK_TCK) / ($ROWS / 10000):.0f}')") ms per 1,000 rows"
  echo "$COLD"
fi
# Then, back to back, 1. ogr2ogr into a plain table of the same database (its own CPU from time(1); its backend is gone by the end).
o0=$(now)
/usr/bin/time -f "%U %S" -o "$WORK/ogr2ogr.cpu" ogr2ogr -f PostgreSQL --config PG_USE_COPY YES -t_srs EPSG:4326 -nln ogr_parcels -overwrite \
  PG:"host=127.0.0.1 user=postgres dbname=$DB" "$OGR_SOURCE"
o1=$(now)
"${PSQL[@]}" -d $DB -At -c "SELECT 'ogr2ogr loaded ' || COUNT(*) || ' rows' FROM ogr_parcels"

# 2. the measured import of this server: CPU of the JVM and of every backend of the database meanwhile.
thread_ticks() { for t in /proc/$PID/task/*; do echo "$(awk '{print $14 + $15}' $t/stat) ${t##*/}:$(tr ' ' _ < $t/comm)"; done; }
[ "${THREADS:-0}" = 1 ] && thread_ticks > "$WORK/threads.before"
t0=$(now)
import_file "$FILE"
# Backends counted at each end of a step: one that ended meanwhile is missed, one that began is counted whole.
PEAK=$(peak)
if [ "${THREADS:-0}" = 1 ]; then   # the server's busiest threads during the import (CPU ticks)
  thread_ticks > "$WORK/threads.after"
  join -1 2 -2 2 -a 1 -e 0 -o 1.1,2.1,0 <(sort -k2 "$WORK/threads.after") <(sort -k2 "$WORK/threads.before") \
    | awk '{print $1 - $2, $3}' | sort -rn | head -12
fi
"${PSQL[@]}" -d $DB -At -c "SELECT COUNT(*) || ' parcels, ' || COUNT(*) FILTER (WHERE parcel_no LIKE 'IMP-%') || ' imported, '
  || (SELECT COUNT(*) FROM feature_versions WHERE action = 'import') || ' import versions' FROM parcels"
python3 - "$ROWS" "$o0" "$o1" "$t0" "$t1" "$t2" "$t3" 0 "$s1" "$s2" "$s3" 0 "$d1" "$d2" "$d3" "$(getconf CLK_TCK)" "$PEAK" $(cat "$WORK/ogr2ogr.cpu") <<'PY'
import sys
n = int(sys.argv[1])
o0, o1, t0, t1, t2, t3 = map(float, sys.argv[2:8])
s0, s1, s2, s3, d0, d1, d2, d3, hz = map(int, sys.argv[8:17])
peak = int(sys.argv[17])
ogr_cpu_s = float(sys.argv[18]) + float(sys.argv[19])
ogr, dry, commit = n / (o1 - o0), n / (t2 - t1), n / (t3 - t2)
ms = lambda ticks: ticks * 1000 / hz / (n / 1000)
print(f"ogr2ogr {o1-o0:.1f} s ({ogr:,.0f} rows/s), its own CPU {ogr_cpu_s * 1000 / (n / 1000):.0f} ms per 1,000 rows")
print(f"upload+staging {t1-t0:.1f} s; dry run {t2-t1:.1f} s ({dry:,.0f} rows/s); commit {t3-t2:.1f} s ({commit:,.0f} rows/s)")
print(f"dry run / ogr2ogr {dry/ogr:.2f}; commit / ogr2ogr {commit/ogr:.2f}; server peak RSS {peak} MB")
print(f"CPU ms per 1,000 rows: dry run server {ms(s2-s1):.0f}, db {ms(d2-d1):.0f}; commit server {ms(s3-s2):.0f}, db {ms(d3-d2):.0f}")
print(f"IMPORT ogr2ogr_rows_s={ogr:.0f} dry_rows_s={dry:.0f} commit_rows_s={commit:.0f} dry_ratio={dry/ogr:.2f} "
      f"commit_ratio={commit/ogr:.2f} peak_rss_mb={peak} server_cpu_ms_per_1k={ms(s3-s1):.0f} db_cpu_ms_per_1k={ms(d3-d1):.0f} "
      f"dry_server_cpu_ms_per_1k={ms(s2-s1):.0f} dry_db_cpu_ms_per_1k={ms(d2-d1):.0f} "
      f"commit_server_cpu_ms_per_1k={ms(s3-s2):.0f} commit_db_cpu_ms_per_1k={ms(d3-d2):.0f} "
      f"ogr2ogr_cpu_ms_per_1k={ogr_cpu_s * 1000 / (n / 1000):.0f}")
PY
