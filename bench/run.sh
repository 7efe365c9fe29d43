#!/usr/bin/env bash
# The benchmark, one command: bash bench/run.sh   (about 25 minutes on 2 cores; loopback only)
# Generates a synthetic district (1,000,000 parcels, 10,000 projects), loads it into a fresh PostGIS
# database with COPY, builds the zoom overviews, then measures against the peers, each pair back to back:
#   mvt_lo / peer_lo   cold MVT at z10-z13 from this server (wrk, cache off) / the peers' statement (Martin's and
#                      pg_tileserv's ST_AsMVT(ST_AsMVTGeom(ST_Transform(geom, 3857), ST_TileEnvelope(z, x, y), 4096,
#                      64, true)) over the raw table, same attributes) through pgbench at the server's pool size
#   mvt_hi / peer_hi   the same at z14-z16
#   png / ms_capped / ms_raw   cold PNG from this server / MapServer 8 FastCGI drawing what the server draws
#                      without overviews (small-parcel bound and 20,000 cap) / MapServer on the raw table, as its
#                      users configure it
#   mvt_warm / nginx   warm (cached) MVT / the same bytes as files from nginx; png_warm: warm PNG
#   import             bench/import.sh: 200,000 parcels as GeoJSON, dry run and commit / ogr2ogr with COPY
#   features           bench/features.sh: bbox and CQL2 filter pages / the server's SQL through pgbench
# Every wrk run follows a warm-up of WARMUP seconds on the same list, not counted. Each run records the CPU time
# of its serving processes and of the whole PostgreSQL server (every backend and parallel worker, including
# those that ended during the run), per request; the machine is shared, so rates alone are noisy.
# Output and data go to bench/out/ (not in git); the summary with the targets is bench/out/report.txt.
# Settings: DURATION (s per run, default 30), WARMUP (10), CONNECTIONS (64), DB_CONNECTIONS (8), BENCH_DB
# (luqiao_bench; dropped and loaded anew), PGHOST/PGUSER (default 127.0.0.1/postgres), SKIP_IMPORT=1 and
# SKIP_FEATURES=1 to leave those two parts out.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-30}; WARMUP=${WARMUP:-10}; CONNECTIONS=${CONNECTIONS:-64}; DB_CONNECTIONS=${DB_CONNECTIONS:-8}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
DB=${BENCH_DB:-luqiao_bench}; OUT=$PWD/bench/out; APP_PORT=18090; NGINX_PORT=18091; FCGI_PORT=18092; FCGI_RAW_PORT=18094
say() { printf '==> %s\n' "$*"; }
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$OUT/nginx.pid" ] && kill "$(cat "$OUT/nginx.pid")" 2>/dev/null || true
  # mapserv under FastCGI only acts on SIGTERM after its next request; SIGKILL ends it now.
  for f in "$OUT"/fcgi*.pid; do [ -f "$f" ] && kill -KILL $(cat "$f") 2>/dev/null || true; done
}
trap cleanup EXIT

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || missing+=(nginx-light)
[ -x /usr/lib/cgi-bin/mapserv ] || missing+=(cgi-mapserver)
command -v spawn-fcgi >/dev/null || missing+=(spawn-fcgi)
command -v pgbench >/dev/null || missing+=(postgresql-contrib)
command -v ogr2ogr >/dev/null || missing+=(gdal-bin)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"; apt-get update -q; DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

rm -rf "$OUT"; mkdir -p "$OUT/www"
[ -f target/luqiao-map.jar ] || ./mvnw -q -B package -DskipTests
say "generating the synthetic district"
python3 bench/generate.py "$OUT" >/dev/null

psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
psql -q -d $DB -c "CREATE EXTENSION postgis"
db_args=(--spring.profiles.active=postgis --spring.datasource.url=jdbc:postgresql://$PGHOST:5432/$DB
  --spring.datasource.username=$PGUSER --spring.datasource.hikari.maximum-pool-size=$DB_CONNECTIONS --luqiao.seed.enabled=false)
server_args=("${db_args[@]}" --logging.level.root=WARN)
start_app() {   # $1: tile cache bytes
  java -jar target/luqiao-map.jar "${server_args[@]}" --luqiao.security.rate-limit.enabled=false \
    --luqiao.tiles.cache-max-bytes="$1" --server.port=$APP_PORT > "$OUT/app-$1.log" 2>&1 &
  app=$!; pids+=($app)
  for _ in $(seq 1 180); do curl -sf -o /dev/null http://127.0.0.1:$APP_PORT/tiles/parcels.json && return; sleep 1; done
  echo "the server did not start; see $OUT/app-$1.log" >&2; exit 1
}
stop_app() { kill "$app"; wait "$app" 2>/dev/null || true; }
ticks() {   # CPU time (clock ticks) used so far by the given processes
  local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo $t
}
PGDATA_DIR=$(psql -d $DB -At -c "SHOW data_directory")
db_ticks() {   # CPU time of the whole PostgreSQL server: the postmaster's live children plus what its ended children used
  local pm; pm=$(head -n 1 "$PGDATA_DIR/postmaster.pid")
  echo $(( $(awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat") + $(ticks $(pgrep -P "$pm")) ))
}
measure() {   # $1 name, then the command; $SERVER_PIDS: the serving processes whose CPU is counted
  local name=$1; shift
  local s0 d0 l0; s0=$(ticks ${SERVER_PIDS:-}); d0=$(db_ticks); l0=$(cut -d' ' -f1 /proc/loadavg)
  "$@"
  echo "server_ticks=$(($(ticks ${SERVER_PIDS:-}) - s0)) db_ticks=$(($(db_ticks) - d0)) hz=$(getconf CLK_TCK) load=$l0-$(cut -d' ' -f1 /proc/loadavg)" > "$OUT/$name.cpu"
}
run_wrk() {   # $1 name, $2 list, $3 base url, $4... the server's processes
  local name=$1 list=$2 url=$3; shift 3
  TILE_LIST=$list wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 30s -s bench/tiles.lua "$url" > /dev/null
  SERVER_PIDS="$*" measure "$name" sh -c "TILE_LIST='$list' wrk -t2 -c$CONNECTIONS -d${DURATION}s --timeout 30s --latency -s bench/tiles.lua '$url' > '$OUT/$name.wrk'"
  grep -E 'Requests/sec|Non-2xx|Socket' "$OUT/$name.wrk" | sed "s|^|$name: |"
}
run_pgbench() {   # $1 name, $2 script (the clients share one counter, a sequence, so they walk the list in order)
  psql -q -d $DB -c "ALTER SEQUENCE bench_next RESTART"
  SERVER_PIDS="" measure "$1" sh -c "pgbench -n -M prepared -c $DB_CONNECTIONS -j 2 -T $DURATION -l --log-prefix='$OUT/$1_log' -f '$2' $DB > '$OUT/$1.pgbench' 2>&1"
  grep -E 'tps|failed' "$OUT/$1.pgbench" | sed "s|^|$1: |"
}
start_app 0   # creates the schema (Flyway)
stop_app

say "loading with COPY"
load() {   # $1 table, $2 columns, $3 file
  local start end rows; start=$(date +%s.%N)
  psql -q -d $DB -c "\\copy $1 ($2) FROM '$3'"
  end=$(date +%s.%N); rows=$(wc -l < "$3")
  printf '%s: %d rows in %.1f s = %.0f rows/s\n' "$1" "$rows" "$(echo "$end - $start" | bc)" "$(echo "$rows / ($end - $start)" | bc -l)" | tee -a "$OUT/copy.txt"
}
load parcels "parcel_no, landuse_code, landuse_name, landuse_l1_code, landuse_l1_name, status, renovation, farmland_protected, town, owner, area_m2, geom" "$OUT/parcels.copy"
load projects "code, name_zh, name_en, category, stage, investment_wan, responsible_unit, area_m2, length_m, geom" "$OUT/projects.copy"
psql -q -d $DB -c "VACUUM ANALYZE parcels" -c "VACUUM ANALYZE projects"

say "building the zoom overviews (COPY went around the server's write path, so they are built by the command)"
start=$(date +%s.%N)
java -jar target/luqiao-map.jar rebuild-overviews "${db_args[@]}" > "$OUT/overviews.log" 2>&1 \
  || { echo "rebuild-overviews failed; see $OUT/overviews.log" >&2; exit 1; }
printf 'overviews of 1,000,000 parcels built in %.1f s\n' "$(echo "$(date +%s.%N) - $start" | bc)" | tee -a "$OUT/copy.txt"
psql -d $DB -At -F' ' -c "SELECT 'overview rows per zoom:', string_agg(z || ': ' || n, ', ' ORDER BY z) FROM (SELECT z, count(*) n FROM overviews GROUP BY z) s" | tee -a "$OUT/copy.txt"
psql -q -d $DB -c "VACUUM ANALYZE overviews"

say "same picture: PNG tiles at z10-z13 from overviews against the full render (overviews off, no feature cap)"
# The full render runs on a copy of the database: a server with overviews off drops them.
psql -q -d postgres -c "DROP DATABASE IF EXISTS ${DB}_full WITH (FORCE)" -c "CREATE DATABASE ${DB}_full TEMPLATE $DB"
start_app 0
full_port=$((APP_PORT + 10))
java -jar target/luqiao-map.jar "${server_args[@]/\/$DB//${DB}_full}" --luqiao.security.rate-limit.enabled=false --luqiao.tiles.cache-max-bytes=0 \
  --luqiao.tiles.overviews.enabled=false --luqiao.tiles.max-features=100000000 --server.port=$full_port > "$OUT/app-full.log" 2>&1 &
full=$!; pids+=($full)
for _ in $(seq 1 180); do curl -sf -o /dev/null http://127.0.0.1:$full_port/tiles/parcels.json && break; sleep 1; done
mkdir -p "$OUT/png-overview" "$OUT/png-full"
awk -F/ '$1 <= 13' "$OUT/tiles.txt" | while read -r t; do
  curl -sf -o "$OUT/png-overview/${t//\//_}.png" "http://127.0.0.1:$APP_PORT/tiles/parcels/$t.png"
  curl -sf -o "$OUT/png-full/${t//\//_}.png" "http://127.0.0.1:$full_port/tiles/parcels/$t.png"
done
kill $full; wait $full 2>/dev/null || true
stop_app
psql -q -d postgres -c "DROP DATABASE ${DB}_full WITH (FORCE)"
python3 bench/pngdiff.py "$OUT/png-overview" "$OUT/png-full" | tee "$OUT/pngdiff.txt"

psql -q -d $DB -c "CREATE TABLE bench_tiles (i int PRIMARY KEY, z int, x int, y int, minx float8, miny float8, maxx float8, maxy float8, minarea float8, lim int)" \
  -c "\\copy bench_tiles FROM '$OUT/tile_params.copy'" -c "CREATE SEQUENCE bench_next"
# Two halves of the list, each in the list's order: z10-z13 (the overview zooms) and z14-z16.
psql -q -d $DB -c "CREATE TABLE bench_lo AS SELECT row_number() OVER (ORDER BY i) AS j, z, x, y FROM bench_tiles WHERE z <= 13" \
  -c "CREATE TABLE bench_hi AS SELECT row_number() OVER (ORDER BY i) AS j, z, x, y FROM bench_tiles WHERE z >= 14"
awk -F/ '$1 <= 13' "$OUT/tiles.txt" > "$OUT/tiles_lo.txt"; awk -F/ '$1 >= 14' "$OUT/tiles.txt" > "$OUT/tiles_hi.txt"
for part in lo hi; do sed 's|^|/tiles/parcels/|; s|$|.mvt|' "$OUT/tiles_$part.txt" > "$OUT/mvt_$part.txt"; done
sed 's|^|/tiles/parcels/|; s|$|.mvt|' "$OUT/tiles.txt" > "$OUT/mvt.txt"
sed 's|^|/tiles/parcels/|; s|$|.png|' "$OUT/tiles.txt" > "$OUT/png.txt"
echo "tiles: $(wc -l < "$OUT/tiles.txt") (z10-z13: $(wc -l < "$OUT/tiles_lo.txt"), z14-z16: $(wc -l < "$OUT/tiles_hi.txt"))" | tee -a "$OUT/copy.txt"

# The peers' statement (Martin's and pg_tileserv's table source: every row meeting the buffered tile, transformed,
# clipped and encoded; no cap, no small-parcel bound), with the attributes this server's public tiles carry.
attributes="parcel_no AS id, landuse_code, landuse_name, landuse_l1_code, landuse_l1_name, status, renovation, farmland_protected, town, area_m2, CAST(area_m2 * 15 / 10000 AS REAL) AS area_mu, CAST(area_m2 / 10000 AS REAL) AS area_ha"
for part in lo hi; do
  { echo "SELECT z, x, y FROM bench_$part WHERE j = (SELECT (nextval('bench_next') - 1) % $(wc -l < "$OUT/tiles_$part.txt") + 1) \\gset"
    echo "SELECT ST_AsMVT(q, 'parcels', 4096, 'geom') FROM (SELECT $attributes, ST_AsMVTGeom(ST_Transform(geom, 3857), ST_TileEnvelope(:z, :x, :y), 4096, 64, true) AS geom FROM parcels WHERE deleted_at IS NULL AND geom && ST_Transform(ST_TileEnvelope(:z, :x, :y, margin => (64.0 / 4096)), 4326)) q;"
  } > "$OUT/peer_$part.pgbench.sql"
done

say "starting nginx and MapServer 8 (FastCGI, $DB_CONNECTIONS processes each: as many database connections as the server's pool)"
classes=$(python3 - <<'PY'
colours = {"01": "#F5F8DC", "02": "#BFE9AA", "03": "#68B167", "07": "#FFFF2D", "08": "#FF69B4", "09": "#FF0000",
           "10": "#BB9674", "11": "#8761D3", "12": "#B4B4B4", "13": "#008CFF", "14": "#00FF00", "17": "#4DB6F5"}
for code, hexc in colours.items():
    print(f'    CLASS EXPRESSION "{code}" STYLE COLOR "{hexc}" OPACITY 60 END '
          f'STYLE OUTLINECOLOR 0 0 0 OPACITY 35 WIDTH 0.6 MAXSCALEDENOM 20000 END END')
PY
)
# The capped configuration draws what this server drew before overviews (sql/common/tiles/candidates.sql: in the
# box, not too small to see, the largest 20,000); the raw one draws the table, as MapServer's users configure it.
capped="geom from (select id, geom, landuse_l1_code from parcels where deleted_at is null and geom && !BOX! and (area_m2 = 0 or area_m2 >= %minarea%) order by area_m2 desc, parcel_no limit 20000) as t using unique id using srid=4326"
raw="geom from parcels using unique id using srid=4326"
for variant in capped raw; do
  python3 - "$OUT/parcels-$variant.map" "$DB" "$classes" "${!variant}" <<'PY'
import sys
text = open("bench/parcels.map.in").read()
for key, value in zip(("@DB@", "@CLASSES@", "@DATA@"), sys.argv[2:]):
    text = text.replace(key, value)
open(sys.argv[1], "w").write(text)
PY
  printf 'CONFIG\n  ENV\n    MS_MAPFILE "%s"\n  END\nEND\n' "$OUT/parcels-$variant.map" > "$OUT/mapserver-$variant.conf"
done
cat > "$OUT/nginx.conf" <<NGINX
worker_processes 2;
pid $OUT/nginx.pid;
error_log $OUT/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  types { application/vnd.mapbox-vector-tile mvt; image/png png; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $OUT/www;
    location /ms-capped { fastcgi_pass 127.0.0.1:$FCGI_PORT; include /etc/nginx/fastcgi_params; }
    location /ms-raw { fastcgi_pass 127.0.0.1:$FCGI_RAW_PORT; include /etc/nginx/fastcgi_params; }
  }
}
NGINX
nginx -c "$OUT/nginx.conf"
for _ in $(seq 1 20); do [ -s "$OUT/nginx.pid" ] && break; sleep 0.2; done
nginx_workers=$(pgrep -P "$(cat "$OUT/nginx.pid")" | tr '\n' ' ')
# MapServer 8 reads no mapfile without a config file (msLoadConfig fails and every answer is an error page).
for variant in capped raw; do
  port=$([ $variant = capped ] && echo $FCGI_PORT || echo $FCGI_RAW_PORT)
  MAPSERVER_CONFIG_FILE=$OUT/mapserver-$variant.conf MS_MAPFILE=$OUT/parcels-$variant.map spawn-fcgi -a 127.0.0.1 -p $port \
    -F "$DB_CONNECTIONS" -P "$OUT/fcgi-$variant.pid" -- /usr/lib/cgi-bin/mapserv > /dev/null
  # MapServer's tile mode takes x, y, z; minarea is the tile's small-parcel bound, as the server computes it.
  paste -d' ' "$OUT/tiles.txt" <(cut -f9 "$OUT/tile_params.copy") \
    | awk -F'[/ ]' -v v=$variant '{printf "/ms-%s?mode=tile&tilemode=gmap&layers=parcels&tile=%s+%s+%s&minarea=%s\n", v, $2, $3, $1, $4}' > "$OUT/ms-$variant.txt"
  curl -s -o "$OUT/mapserver-$variant-sample.png" "http://127.0.0.1:$NGINX_PORT$(sed -n 400p "$OUT/ms-$variant.txt")"
  file "$OUT/mapserver-$variant-sample.png" | grep -q 'PNG image' || { echo "MapServer ($variant) does not answer with a PNG; see $OUT/mapserver-$variant-sample.png" >&2; exit 1; }
done

start_app 0
say "cold MVT at z10-z13: this server, then the peers' statement"
run_wrk mvt_lo "$OUT/mvt_lo.txt" http://127.0.0.1:$APP_PORT "$app"
run_pgbench peer_lo "$OUT/peer_lo.pgbench.sql"
say "cold MVT at z14-z16: this server, then the peers' statement"
run_wrk mvt_hi "$OUT/mvt_hi.txt" http://127.0.0.1:$APP_PORT "$app"
run_pgbench peer_hi "$OUT/peer_hi.pgbench.sql"
say "cold PNG: this server, MapServer as the server drew before overviews, MapServer on the raw table"
run_wrk png "$OUT/png.txt" http://127.0.0.1:$APP_PORT "$app"
run_wrk ms_capped "$OUT/ms-capped.txt" http://127.0.0.1:$NGINX_PORT $(cat "$OUT/fcgi-capped.pid")
run_wrk ms_raw "$OUT/ms-raw.txt" http://127.0.0.1:$NGINX_PORT $(cat "$OUT/fcgi-raw.pid")
curl -s -o "$OUT/ours-sample.png" "http://127.0.0.1:$APP_PORT/tiles/parcels/$(sed -n 400p "$OUT/tiles.txt").png"
stop_app

say "warm MVT from this server, then the same bytes from nginx; warm PNG"
start_app 1073741824
while read -r t; do
  mkdir -p "$OUT/www/tiles/parcels/$(dirname "$t")"
  curl -s -o "$OUT/www/tiles/parcels/$t.mvt" "http://127.0.0.1:$APP_PORT/tiles/parcels/$t.mvt"
  curl -s -o /dev/null "http://127.0.0.1:$APP_PORT/tiles/parcels/$t.png"
done < "$OUT/tiles.txt"
run_wrk mvt_warm "$OUT/mvt.txt" http://127.0.0.1:$APP_PORT "$app"
run_wrk nginx "$OUT/mvt.txt" http://127.0.0.1:$NGINX_PORT $nginx_workers
run_wrk png_warm "$OUT/png.txt" http://127.0.0.1:$APP_PORT "$app"
stop_app

if [ "${SKIP_FEATURES:-}" != 1 ]; then
  say "feature queries (bench/features.sh on this database)"
  BENCH_DB=$DB bash bench/features.sh 2>&1 | tee "$OUT/features.txt"
fi
if [ "${SKIP_IMPORT:-}" != 1 ]; then
  say "imports (bench/import.sh)"
  bash bench/import.sh 2>&1 | tee "$OUT/import.txt"
fi

say "results"
cat "$OUT/copy.txt"
python3 bench/report.py "$OUT" | tee "$OUT/report.txt"
