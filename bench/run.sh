#!/usr/bin/env bash
# The tile benchmark, one command: bash bench/run.sh   (about 10 minutes on 2 cores; loopback only)
# Generates a synthetic district (1,000,000 parcels, 10,000 projects), loads it into a fresh PostGIS
# database with COPY, then measures with wrk (64 connections) and pgbench (8 connections):
#   a  cold MVT tiles from this server (cache off; also with the Java encoder: a')
#   b  the same statements through pgbench: the database's floor
#   c  warm (cached) MVT tiles from this server      d  the same bytes as files from nginx
#   e  PNG tiles from this server (cold and warm) and from MapServer 8 as FastCGI behind nginx
# Each pair that is compared runs back to back: a-b, e ours-MapServer, c-d. Every wrk run follows a
# warm-up of WARMUP seconds on the same list, not counted (JIT and database caches; the tile cache is
# off for the cold runs, so no tile is kept). Each run also records the CPU time its server processes
# and their database backends used, per request (the machine is shared, so rates alone are noisy).
# Output and data go to bench/out/ (not in git). Settings: DURATION (s per run, default 30), WARMUP (10),
# CONNECTIONS (64), DB_CONNECTIONS (8), BENCH_DB (luqiao_bench; dropped and loaded anew), PGHOST/PGUSER
# for the PostgreSQL server (default 127.0.0.1/postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-30}; WARMUP=${WARMUP:-10}; CONNECTIONS=${CONNECTIONS:-64}; DB_CONNECTIONS=${DB_CONNECTIONS:-8}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
DB=${BENCH_DB:-luqiao_bench}; OUT=$PWD/bench/out; APP_PORT=18090; NGINX_PORT=18091; FCGI_PORT=18092
say() { printf '==> %s\n' "$*"; }
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$OUT/nginx.pid" ] && kill "$(cat "$OUT/nginx.pid")" 2>/dev/null || true
  # mapserv under FastCGI only acts on SIGTERM after its next request; SIGKILL ends it now.
  [ -f "$OUT/fcgi.pid" ] && kill -KILL $(cat "$OUT/fcgi.pid") 2>/dev/null || true
}
trap cleanup EXIT

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || missing+=(nginx-light)
[ -x /usr/lib/cgi-bin/mapserv ] || missing+=(cgi-mapserver)
command -v spawn-fcgi >/dev/null || missing+=(spawn-fcgi)
command -v pgbench >/dev/null || missing+=(postgresql-contrib)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"; apt-get update -q; DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

rm -rf "$OUT"; mkdir -p "$OUT/www"
[ -f target/luqiao-map.jar ] || ./mvnw -q -B package -DskipTests
say "generating the synthetic district"
python3 bench/generate.py "$OUT" >/dev/null

psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
psql -q -d $DB -c "CREATE EXTENSION postgis"
start_app() {   # $1: cache bytes, $2: encoder
  java -jar target/luqiao-map.jar --spring.profiles.active=postgis \
    --spring.datasource.url=jdbc:postgresql://$PGHOST:5432/$DB --spring.datasource.username=$PGUSER \
    --spring.datasource.hikari.maximum-pool-size=$DB_CONNECTIONS --luqiao.seed.enabled=false --luqiao.security.rate-limit.enabled=false \
    --luqiao.tiles.cache-max-bytes="$1" --luqiao.tiles.encoder="$2" --server.port=$APP_PORT \
    --logging.level.root=WARN > "$OUT/app-$2-$1.log" 2>&1 &
  app=$!; pids+=($app)
  for _ in $(seq 1 90); do curl -sf -o /dev/null http://127.0.0.1:$APP_PORT/tiles/parcels.json && return; sleep 1; done
  echo "the server did not start; see $OUT/app-$2-$1.log" >&2; exit 1
}
stop_app() { kill "$app"; wait "$app" 2>/dev/null || true; }
ticks() {   # CPU time (clock ticks) used so far by the given processes
  local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo $t
}
backends() { psql -d $DB -At -c "SELECT pid FROM pg_stat_activity WHERE datname = '$DB' AND pid <> pg_backend_pid()"; }
run_wrk() {   # $1 name, $2 list, $3 base url, $4... the server's processes
  local name=$1 list=$2 url=$3; shift 3
  TILE_LIST=$list wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 30s -s bench/tiles.lua "$url" > /dev/null
  local db; db=$(backends); local s0 d0 l0; s0=$(ticks "$@"); d0=$(ticks $db); l0=$(cut -d' ' -f1 /proc/loadavg)
  TILE_LIST=$list wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s --latency -s bench/tiles.lua "$url" > "$OUT/$name.wrk"
  echo "server_ticks=$(($(ticks "$@") - s0)) db_ticks=$(($(ticks $db) - d0)) hz=$(getconf CLK_TCK) load=$l0-$(cut -d' ' -f1 /proc/loadavg)" > "$OUT/$name.cpu"
  grep -E 'Requests/sec|Non-2xx|Socket' "$OUT/$name.wrk" | sed "s|^|$name: |"
}
start_app 0 database   # creates the schema (Flyway)

say "loading with COPY"
load() {   # $1 table, $2 columns, $3 file
  local start end rows; start=$(date +%s.%N)
  psql -q -d $DB -c "\\copy $1 ($2) FROM '$3'"
  end=$(date +%s.%N); rows=$(wc -l < "$3")
  printf '%s: %d rows in %.1f s = %.0f rows/s\n' "$1" "$rows" "$(echo "$end - $start" | bc)" "$(echo "$rows / ($end - $start)" | bc -l)" | tee -a "$OUT/copy.txt"
}
load parcels "parcel_no, landuse_code, landuse_name, landuse_l1_code, landuse_l1_name, status, renovation, farmland_protected, town, owner, area_m2, geom" "$OUT/parcels.copy"
load projects "code, name_zh, name_en, category, stage, investment_wan, responsible_unit, area_m2, length_m, geom" "$OUT/projects.copy"
# (The area index low-zoom tiles need is part of the schema: Flyway migration V3.)
psql -q -d $DB -c "VACUUM ANALYZE parcels" -c "VACUUM ANALYZE projects"
psql -q -d $DB -c "CREATE TABLE bench_tiles (i int PRIMARY KEY, z int, x int, y int, minx float8, miny float8, maxx float8, maxy float8, minarea float8, lim int)" \
  -c "\\copy bench_tiles FROM '$OUT/tile_params.copy'" -c "CREATE SEQUENCE bench_next"
sed 's|^|/tiles/parcels/|; s|$|.mvt|' "$OUT/tiles.txt" > "$OUT/mvt.txt"
sed 's|^|/tiles/parcels/|; s|$|.png|' "$OUT/tiles.txt" > "$OUT/png.txt"
echo "tiles: $(wc -l < "$OUT/tiles.txt") (z10-z16)" | tee -a "$OUT/copy.txt"

say "starting nginx and MapServer 8 (FastCGI, $DB_CONNECTIONS processes: as many database connections as the server's pool)"
classes=$(python3 - <<'PY'
colours = {"01": "#F5F8DC", "02": "#BFE9AA", "03": "#68B167", "07": "#FFFF2D", "08": "#FF69B4", "09": "#FF0000",
           "10": "#BB9674", "11": "#8761D3", "12": "#B4B4B4", "13": "#008CFF", "14": "#00FF00", "17": "#4DB6F5"}
for code, hexc in colours.items():
    print(f'    CLASS EXPRESSION "{code}" STYLE COLOR "{hexc}" OPACITY 60 END '
          f'STYLE OUTLINECOLOR 0 0 0 OPACITY 35 WIDTH 0.6 MAXSCALEDENOM 20000 END END')
PY
)
python3 - "$OUT/parcels.map" "$DB" "$classes" <<'PY'
import sys
text = open("bench/parcels.map.in").read().replace("@DB@", sys.argv[2]).replace("@CLASSES@", sys.argv[3])
open(sys.argv[1], "w").write(text)
PY
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
    location /ms {
      fastcgi_pass 127.0.0.1:$FCGI_PORT;
      include /etc/nginx/fastcgi_params;
      fastcgi_param MS_MAPFILE $OUT/parcels.map;
    }
  }
}
NGINX
nginx -c "$OUT/nginx.conf"
for _ in $(seq 1 20); do [ -s "$OUT/nginx.pid" ] && break; sleep 0.2; done
nginx_workers=$(pgrep -P "$(cat "$OUT/nginx.pid")" | tr '\n' ' ')
# MapServer 8 reads no mapfile without a config file (msLoadConfig fails and every answer is an error page).
printf 'CONFIG\n  ENV\n    MS_MAPFILE "%s"\n  END\nEND\n' "$OUT/parcels.map" > "$OUT/mapserver.conf"
MAPSERVER_CONFIG_FILE=$OUT/mapserver.conf MS_MAPFILE=$OUT/parcels.map spawn-fcgi -a 127.0.0.1 -p $FCGI_PORT -F "$DB_CONNECTIONS" -P "$OUT/fcgi.pid" -- /usr/lib/cgi-bin/mapserv > /dev/null
# MapServer's tile mode takes x, y, z; minarea is the tile's small-parcel bound, as the server computes it.
paste -d' ' "$OUT/tiles.txt" <(cut -f9 "$OUT/tile_params.copy") \
  | awk -F'[/ ]' '{printf "/ms?mode=tile&tilemode=gmap&layers=parcels&tile=%s+%s+%s&minarea=%s\n", $2, $3, $1, $4}' > "$OUT/ms.txt"
curl -s -o "$OUT/mapserver-sample.png" "http://127.0.0.1:$NGINX_PORT$(sed -n 400p "$OUT/ms.txt")"
file "$OUT/mapserver-sample.png" | grep -q 'PNG image' || { echo "MapServer does not answer with a PNG; see $OUT/mapserver-sample.png" >&2; exit 1; }

say "(a) cold MVT from this server (cache off, ST_AsMVT)"
run_wrk a_mvt_cold "$OUT/mvt.txt" http://127.0.0.1:$APP_PORT "$app"

say "(b) the same statement through pgbench"
# The server's exact statement, taken from pg_stat_activity, with pgbench variables for its parameters;
# on one line (sql/postgis/tiles/mvt.sql spans several), as the check below reads the script's last line.
sql=$(psql -d $DB -At -c "SELECT query FROM pg_stat_activity WHERE datname = '$DB' AND query LIKE 'SELECT ST_AsMVT(q, ''parcels''%' LIMIT 1" | tr '\n' ' ')
vars=(z x y minx miny maxx maxy minarea lim)
for n in 9 8 7 6 5 4 3 2 1; do sql=${sql//\$$n/:${vars[$((n-1))]}}; done
# The clients share one counter (a sequence), so pgbench walks the same shuffled list in the same order
# as wrk (tiles.lua) and covers the same tiles in the same proportions.
{ echo 'SELECT z, x, y, minx, miny, maxx, maxy, minarea, lim FROM bench_tiles WHERE i = (SELECT (nextval('"'bench_next'"') - 1) % '"$(wc -l < "$OUT/tiles.txt")"' + 1) \gset'
  echo "$sql"; } > "$OUT/tile.pgbench.sql"
# Check that the statement, with tile 1's values, gives exactly the server's bytes for tile 1.
check=$(tail -n 1 "$OUT/tile.pgbench.sql"); check=${check%;}
IFS=$'\t' read -r _ z x y minx miny maxx maxy minarea lim < <(head -n 1 "$OUT/tile_params.copy")
for v in minarea minx miny maxx maxy lim z x y; do check=${check//:$v/${!v}}; done
db_md5=$(psql -d $DB -At -c "SELECT md5(mvt) FROM ($check) s(mvt, features)" 2>&1 || true)
server_md5=$(curl -s "http://127.0.0.1:$APP_PORT/tiles/parcels/$(head -n 1 "$OUT/tiles.txt").mvt" | md5sum | cut -d' ' -f1)
echo "same bytes as the server for tile 1: $([ "$db_md5" = "$server_md5" ] && echo yes || echo "NO ($db_md5 vs $server_md5)")" | tee -a "$OUT/copy.txt"
pgbench -n -M prepared -c "$DB_CONNECTIONS" -j 2 -T "$DURATION" -l --log-prefix="$OUT/b_pgbench_log" -f "$OUT/tile.pgbench.sql" $DB > "$OUT/b_pgbench.pgbench" 2>&1
grep -E 'tps|failed' "$OUT/b_pgbench.pgbench" | sed 's|^|b_pgbench: |'

say "(e) cold PNG from this server, then from MapServer"
run_wrk e_png_cold "$OUT/png.txt" http://127.0.0.1:$APP_PORT "$app"
run_wrk e_mapserver "$OUT/ms.txt" http://127.0.0.1:$NGINX_PORT $(cat "$OUT/fcgi.pid")
curl -s -o "$OUT/ours-sample.png" "http://127.0.0.1:$APP_PORT/tiles/parcels/$(sed -n 400p "$OUT/tiles.txt").png"
stop_app

say "(a') cold MVT with the Java encoder"
start_app 0 java
run_wrk a_mvt_cold_java "$OUT/mvt.txt" http://127.0.0.1:$APP_PORT "$app"
stop_app

say "(c) warm MVT from this server, then (d) the same bytes from nginx; (e') warm PNG"
start_app 1073741824 database
while read -r t; do
  mkdir -p "$OUT/www/tiles/parcels/$(dirname "$t")"
  curl -s -o "$OUT/www/tiles/parcels/$t.mvt" "http://127.0.0.1:$APP_PORT/tiles/parcels/$t.mvt"
  curl -s -o /dev/null "http://127.0.0.1:$APP_PORT/tiles/parcels/$t.png"
done < "$OUT/tiles.txt"
run_wrk c_mvt_warm "$OUT/mvt.txt" http://127.0.0.1:$APP_PORT "$app"
run_wrk d_nginx "$OUT/mvt.txt" http://127.0.0.1:$NGINX_PORT $nginx_workers
run_wrk e_png_warm "$OUT/png.txt" http://127.0.0.1:$APP_PORT "$app"
stop_app

say "results"
cat "$OUT/copy.txt"
python3 bench/report.py "$OUT" | tee "$OUT/report.txt"
