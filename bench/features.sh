#!/usr/bin/env bash
# The OGC API Features benchmark, one command: bash bench/features.sh   (about 5 minutes; loopback only)
# On the 1,000,000-parcel synthetic district (bench/generate.py, loaded with COPY into PostGIS, reused
# when bench/run.sh loaded it already), it measures in one run, with the same connection count:
#   bbox    GET /ogc/collections/parcels/items?bbox=…&limit=100 from this server (wrk)
#   filter  GET …/items?filter=<CQL2: land use AND S_INTERSECTS polygon>&limit=100 from this server (wrk)
#   and the same SQL the server runs for each (page + count), straight through pgbench: the floor.
# Prints requests/s, p50, p95 and p99 latency of each, the CPU time per request of the server (JVM) and of the
# database backends serving it (and of pgbench's backends), the ratios server/database, and last one line
# `FEATURES key=value …` for bench/run.sh to read.
# Settings: DURATION (s per run, default 20), WARMUP (s of both request lists before any measurement, default 120:
# on 2 shared cores the JIT needs 1.5-2 minutes of load before the server's throughput stops rising), CONNECTIONS (default 8 = the server's pool size), PGHOST/PGUSER, BENCH_DB (default luqiao_bench,
# the database bench/run.sh loads), JAR (default target/luqiao-map.jar; this script builds it only when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-20}; WARMUP=${WARMUP:-120}; CONNECTIONS=${CONNECTIONS:-8}; JAR=${JAR:-target/luqiao-map.jar}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
DB=${BENCH_DB:-luqiao_bench}; OUT=$PWD/bench/out/features; APP_PORT=18093
say() { printf '==> %s\n' "$*"; }
app=""
trap '[ -n "$app" ] && kill "$app" 2>/dev/null || true' EXIT

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v pgbench >/dev/null || missing+=(postgresql-contrib)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"; apt-get update -q; DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
rm -rf "$OUT"; mkdir -p "$OUT"
[ -f "$JAR" ] || ./mvnw -q -B package -DskipTests

start_app() {
  java -jar "$JAR" --spring.profiles.active=postgis \
    --spring.datasource.url=jdbc:postgresql://$PGHOST:5432/$DB --spring.datasource.username=$PGUSER \
    --spring.datasource.hikari.maximum-pool-size=$CONNECTIONS --luqiao.seed.enabled=false --luqiao.security.rate-limit.enabled=false \
    --server.port=$APP_PORT --logging.level.root=WARN > "$OUT/app.log" 2>&1 &
  app=$!
  for _ in $(seq 1 90); do curl -sf -o /dev/null http://127.0.0.1:$APP_PORT/ogc && return; sleep 1; done
  echo "the server did not start; see $OUT/app.log" >&2; exit 1
}

parcels=$(psql -d $DB -At -c "SELECT count(*) FROM parcels" 2>/dev/null || echo 0)
if [ "$parcels" -lt 1000000 ]; then
  say "generating and loading the synthetic district"
  python3 bench/generate.py "$OUT" >/dev/null
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
  psql -q -d $DB -c "CREATE EXTENSION postgis"
  start_app   # Flyway creates the schema
  start=$(date +%s.%N)
  psql -q -d $DB -c "\\copy parcels (parcel_no, landuse_code, landuse_name, landuse_l1_code, landuse_l1_name, status, renovation, farmland_protected, town, owner, area_m2, geom) FROM '$OUT/parcels.copy'"
  printf 'COPY parcels: %.0f rows/s\n' "$(echo "1000000 / ($(date +%s.%N) - $start)" | bc -l)"
  psql -q -d $DB -c "VACUUM ANALYZE parcels"
else
  start_app
fi

say "making the query lists"
python3 - "$OUT" <<'PY'
import random, struct, sys, urllib.parse
out = sys.argv[1]
rnd = random.Random(11)
W, S, E, N = 121.30, 28.45, 121.60, 28.65          # the synthetic district (bench/generate.py)
def box():
    size = rnd.uniform(0.001, 0.01)                  # about 100 m to 1 km
    x, y = rnd.uniform(W, E - size), rnd.uniform(S, N - size)
    return x, y, x + size, y + size * 0.8
with open(f"{out}/bbox.txt", "w") as urls, open(f"{out}/bbox.params", "w") as params:
    for i in range(1, 201):
        b = box()
        urls.write("/ogc/collections/parcels/items?limit=100&bbox=%.6f,%.6f,%.6f,%.6f\n" % b)
        params.write("%d\t%.6f\t%.6f\t%.6f\t%.6f\t\n" % ((i,) + b))
with open(f"{out}/filter.txt", "w") as urls, open(f"{out}/filter.params", "w") as params:
    codes = ["01", "07", "09", "10", "11", "14"]
    for i in range(1, 201):
        x0, y0, x1, y1 = box()
        code = rnd.choice(codes)
        ring = [(x0, y0), (x1, y0), ((x0 + x1) / 2, y1), (x0, y0)]
        wkt = "POLYGON((%s))" % ",".join("%.6f %.6f" % p for p in ring)
        cql = f"landuse_l1_code = '{code}' AND S_INTERSECTS(geometry, {wkt})"
        urls.write("/ogc/collections/parcels/items?limit=100&filter=" + urllib.parse.quote(cql) + "\n")
        # The same polygon as the WKB the server binds (little-endian Polygon, one ring of the rounded
        # coordinates), written as bytea's hex text: pgbench binds it as the server does.
        wkb = struct.pack("<BII", 1, 3, 1) + struct.pack("<I", len(ring)) + b"".join(
            struct.pack("<dd", float("%.6f" % x), float("%.6f" % y)) for x, y in ring)
        params.write(f"{i}\t{code}\t\\\\x{wkb.hex()}\n")
PY
psql -q -d $DB -c "DROP TABLE IF EXISTS bench_bbox, bench_filter" \
  -c "CREATE TABLE bench_bbox (i int PRIMARY KEY, minx float8, miny float8, maxx float8, maxy float8, unused text)" \
  -c "CREATE TABLE bench_filter (i int PRIMARY KEY, code text, wkb text)" \
  -c "\\copy bench_bbox FROM '$OUT/bbox.params'" -c "\\copy bench_filter FROM '$OUT/filter.params'"
# Whether each request's first page is full (100 or more matches): only then does the server count.
psql -q -d $DB -c "ALTER TABLE bench_bbox ADD COLUMN full_page int" -c "ALTER TABLE bench_filter ADD COLUMN full_page int" \
  -c "UPDATE bench_bbox b SET full_page = (SELECT (COUNT(*) >= 100)::int FROM parcels t WHERE t.deleted_at IS NULL
        AND ST_Intersects(t.geom, ST_MakeEnvelope(b.minx, b.miny, b.maxx, b.maxy, 4326)))" \
  -c "UPDATE bench_filter f SET full_page = (SELECT (COUNT(*) >= 100)::int FROM parcels t WHERE t.deleted_at IS NULL
        AND t.landuse_l1_code = f.code AND ST_Intersects(t.geom, ST_GeomFromWKB(f.wkb::bytea, 4326)))"
say "full first pages: $(psql -d $DB -At -c "SELECT (SELECT SUM(full_page) FROM bench_bbox) || ' of 200 boxes, ' || (SELECT SUM(full_page) FROM bench_filter) || ' of 200 filters'")"

# The statements the server runs for a full page (luqiao.map.store.LayerSql / JdbcSpatialStore.find,
# query geometries in one-row sub-selects as cql2.PostgisDialect writes them, bound as WKB as it binds them; the
# geometry as GeoJSON text, sql/postgis/features/geometry-geojson.sql):
# the page (the live rows only, limit and offset bound as the server binds them) and, when the page is full,
# the count (a shorter first page is the whole answer, so the server does not count it).
columns="t.parcel_no, t.landuse_code, t.landuse_name, t.landuse_l1_code, t.landuse_l1_name, t.status, t.renovation, t.farmland_protected, t.town, t.area_m2, ST_AsGeoJSON(t.geom, 7, 0)"
envelope="(SELECT ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, 4326))"
bbox="t.deleted_at IS NULL AND ((t.geom && $envelope AND ST_Intersects(t.geom, $envelope)))"
cat > "$OUT/bbox.pgbench.sql" <<SQL
\\set i random(1, 200)
\\set limit 100
\\set offset 0
SELECT minx, miny, maxx, maxy, full_page FROM bench_bbox WHERE i = :i \\gset
SELECT $columns FROM parcels t WHERE $bbox ORDER BY t.parcel_no LIMIT :limit OFFSET :offset;
\\if :full_page
SELECT COUNT(*) FROM parcels t WHERE $bbox;
\\endif
SQL
filter="t.deleted_at IS NULL AND ((t.landuse_l1_code = :code AND ST_Intersects(t.geom, (SELECT ST_GeomFromWKB(:wkb, 4326)))))"
cat > "$OUT/filter.pgbench.sql" <<SQL
\\set i random(1, 200)
\\set limit 100
\\set offset 0
SELECT code, wkb, full_page FROM bench_filter WHERE i = :i \\gset
SELECT $columns FROM parcels t WHERE $filter ORDER BY t.parcel_no LIMIT :limit OFFSET :offset;
\\if :full_page
SELECT COUNT(*) FROM parcels t WHERE $filter;
\\endif
SQL

ticks() {   # CPU time (clock ticks) used so far by the given processes (bench/run.sh's)
  local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo $t
}
backends() {   # $1 = or <>: the backends of pgbench, or of everything else (the server's pool)
  psql -d $DB -At -c "SELECT pid FROM pg_stat_activity WHERE datname = '$DB' AND pid <> pg_backend_pid() AND application_name $1 'pgbench'"
}

# Warm-up (discarded): the server's JIT, on both lists in turn (a server runs for days; a cold one measures its
# compiler: bbox pages went from 280 to 680 requests/s over the first 100 s of load).
cat "$OUT/bbox.txt" "$OUT/filter.txt" > "$OUT/warmup.txt"
say "warming up the server for ${WARMUP}s"
TILE_LIST="$OUT/warmup.txt" wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 30s -s bench/features.lua http://127.0.0.1:$APP_PORT > /dev/null
for kind in bbox filter; do
  # And 10 s of this list (discarded): the database's caches, for the server and for pgbench alike.
  TILE_LIST="$OUT/$kind.txt" wrk -t2 -c"$CONNECTIONS" -d10s --timeout 30s -s bench/features.lua http://127.0.0.1:$APP_PORT > /dev/null
  say "$kind: this server (wrk, $CONNECTIONS connections)"
  db=$(backends "<>"); s0=$(ticks $app); d0=$(ticks $db)
  TILE_LIST="$OUT/$kind.txt" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s --latency -s bench/features.lua \
    http://127.0.0.1:$APP_PORT > "$OUT/$kind.wrk"
  echo "server_ticks=$(($(ticks $app) - s0)) db_ticks=$(($(ticks $db) - d0)) hz=$(getconf CLK_TCK)" > "$OUT/$kind.cpu"
  grep -E 'Requests/sec|Non-2xx|Socket' "$OUT/$kind.wrk" || true
  say "$kind: the same SQL in PostgreSQL (pgbench, $CONNECTIONS connections)"
  pgbench -n -M prepared -c "$CONNECTIONS" -j 2 -T "$DURATION" -l --log-prefix="$OUT/$kind.pglog" \
    -f "$OUT/$kind.pgbench.sql" $DB > "$OUT/$kind.pgbench" 2>&1 &
  bench=$!
  # pgbench's backends live only while it runs: their CPU is read from 2 s in to 2 s before the end, and
  # divided by the transactions that ended in that window (pgbench's log has each one's end time).
  sleep 2; db=$(backends "="); d0=$(ticks $db); t0=$(date +%s.%N)
  sleep $((DURATION - 4)); d1=$(ticks $db); t1=$(date +%s.%N)
  wait $bench
  echo "db_ticks=$((d1 - d0)) hz=$(getconf CLK_TCK) from=$t0 to=$t1" > "$OUT/$kind.pgcpu"
  grep -E 'tps|failed' "$OUT/$kind.pgbench" || true
done
kill "$app"; app=""

say "results"
python3 bench/features_report.py "$OUT" | tee "$OUT/report.txt"
