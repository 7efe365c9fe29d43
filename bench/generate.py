#!/usr/bin/env python3
"""Synthetic Luqiao district for the benchmark: COPY files for 1,000,000 parcels and 10,000 projects,
the fixed list of z10-z16 tiles (in one seeded shuffled order), and each tile's bound values (the server's own formulas) for pgbench.
Deterministic (seeded), so every run measures the same data and tiles."""
import math, random, sys, os

out = sys.argv[1]
N_PARCELS, N_PROJECTS = 1_000_000, 10_000
W, S, E, N = 121.30, 28.45, 121.60, 28.65           # around Luqiao (DOMAIN.md: 121.3-121.6E, 28.4-28.7N)
L1 = {"01": "耕地", "02": "园地", "03": "林地", "07": "居住用地", "08": "公共管理与公共服务用地", "09": "商业服务业用地",
      "10": "工矿用地", "11": "仓储用地", "12": "交通运输用地", "13": "公用设施用地", "14": "绿地与开敞空间用地", "17": "陆地水域"}
CODES = list(L1)
STATUS = ["做地", "储备", "出让", "已供"]
M_PER_DEG_LAT = 110_900.0
m_per_deg_lon = 111_320.0 * math.cos(math.radians((S + N) / 2))
rnd = random.Random(8)

def rect(lon, lat, w, h):
    dx, dy = w / m_per_deg_lon, h / M_PER_DEG_LAT
    return (f"SRID=4326;MULTIPOLYGON((({lon:.7f} {lat:.7f},{lon+dx:.7f} {lat:.7f},{lon+dx:.7f} {lat+dy:.7f},"
            f"{lon:.7f} {lat+dy:.7f},{lon:.7f} {lat:.7f})))")

with open(os.path.join(out, "parcels.copy"), "w") as f:
    cols, rows = 1000, 1000                          # a 1000 x 1000 grid of ~29 m x 22 m cells
    cw, ch = (E - W) / cols, (N - S) / rows
    for i in range(N_PARCELS):
        c, r = i % cols, i // cols
        big = i % 50 == 0                            # 2 % large industrial/farm parcels, visible at low zoom
        w = rnd.uniform(120, 260) if big else cw * m_per_deg_lon * rnd.uniform(0.6, 0.95)
        h = rnd.uniform(120, 260) if big else ch * M_PER_DEG_LAT * rnd.uniform(0.6, 0.95)
        l1 = rnd.choice(CODES)
        f.write(f"BENCH-{i:07d}\t{l1}01\t{L1[l1]}\t{l1}\t{L1[l1]}\t{rnd.choice(STATUS)}\t\\N\t{'t' if l1 == '01' else 'f'}\t"
                f"路桥街道\t\\N\t{w*h:.2f}\t{rect(W + c*cw, S + r*ch, w, h)}\n")

with open(os.path.join(out, "projects.copy"), "w") as f:
    stages, cats = ["谋划", "前期", "招引", "开工", "竣工"], ["产业转型", "城市提能", "民生优享", "绿色生态"]
    for i in range(N_PROJECTS):
        lon, lat = rnd.uniform(W, E), rnd.uniform(S, N)
        f.write(f"BP-{i:05d}\t项目{i}\t\\N\t{rnd.choice(cats)}\t{rnd.choice(stages)}\t{rnd.randint(100, 500000)}\t\\N\t"
                f"0\t0\tSRID=4326;POINT({lon:.7f} {lat:.7f})\n")

# The fixed tile list: every tile over the district at z10-z13, a seeded sample of 150 at z14-z16.
HALF = math.pi * 6378137.0
def tx(lon, z): return int((lon + 180) / 360 * 2**z)
def ty(lat, z): return int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * 2**z)
def lon_of(x): return math.degrees(x / 6378137.0)
def lat_of(y): return math.degrees(math.atan(math.sinh(y / 6378137.0)))
tiles = []
for z in range(10, 17):
    all_tiles = [(z, x, y) for x in range(tx(W, z), tx(E, z) + 1) for y in range(ty(N, z), ty(S, z) + 1)]
    tiles += all_tiles if z <= 13 else rnd.sample(all_tiles, 150)
# One seeded order shared by wrk and pgbench: shuffled, so that any stretch of the list (what a run of a
# few seconds gets through) has the zooms in the same proportions as the whole list.
rnd.shuffle(tiles)
# The feature cap, as VectorTileSource.featureCap: max-features, or fewer when max-bytes (per layer) at
# BYTES_PER_FEATURE would not hold them. One layer (parcels).
LIMIT = min(20000, 1_000_000 // 1 // 100)
with open(os.path.join(out, "tiles.txt"), "w") as t, open(os.path.join(out, "tile_params.copy"), "w") as p:
    for i, (z, x, y) in enumerate(tiles, 1):
        t.write(f"{z}/{x}/{y}\n")
        size = 2 * HALF / 2**z
        m = 64 / 4096                                # luqiao.tiles.buffer, as in TileFeatureReader.query
        minx, maxy = -HALF + x * size, HALF - y * size
        env = (lon_of(minx - m*size), lat_of(maxy - size - m*size), lon_of(minx + size + m*size), lat_of(maxy + m*size))
        centre = (lat_of(maxy) + lat_of(maxy - size)) / 2
        pixel = size / 256 * math.cos(math.radians(centre))
        p.write(f"{i}\t{z}\t{x}\t{y}\t{env[0]!r}\t{env[1]!r}\t{env[2]!r}\t{env[3]!r}\t{pixel*pixel!r}\t{LIMIT}\n")
print(len(tiles))
