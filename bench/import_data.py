#!/usr/bin/env python3
"""1,000,000 parcels as a CSV with WKT (WGS 84) for the import benchmark: the bench grid of generate.py
(1000 x 1000 cells of ~20-28 m over 121.30-121.60E, 28.45-28.65N), seeded, with Chinese attributes.
Codes are quoted so that ogr2ogr keeps them as text (0101, not 101). ogr2ogr then turns it into a GBK shapefile in EPSG:4549 (see import.sh)."""
import math, random, sys

N = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
W, S, E, NORTH = 121.30, 28.45, 121.60, 28.65
L1 = {"01": "耕地", "07": "居住用地", "09": "商业服务业用地", "10": "工矿用地", "11": "仓储用地", "14": "绿地与开敞空间用地"}
STATUS = ["做地", "储备", "出让", "已供"]
rnd = random.Random(8)
cols = 1000
rows = max(1, math.ceil(N / cols))
cw, ch = (E - W) / cols, (NORTH - S) / 1000
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("parcel_no,lu_code,lu_name,lu_l1_code,lu_l1_name,status,town,owner,wkt\n")
    for i in range(N):
        c, r = i % cols, i // cols
        lon, lat = W + c * cw, S + r * ch
        dx, dy = cw * rnd.uniform(0.6, 0.95), ch * rnd.uniform(0.6, 0.95)
        l1 = rnd.choice(list(L1))
        f.write(f"IMP-{i:07d},\"{l1}01\",{L1[l1]},\"{l1}\",{L1[l1]},{rnd.choice(STATUS)},路桥街道,台州市路桥区测试单位{i % 97},"
                f"\"POLYGON(({lon:.7f} {lat:.7f},{lon+dx:.7f} {lat:.7f},{lon+dx:.7f} {lat+dy:.7f},{lon:.7f} {lat+dy:.7f},{lon:.7f} {lat:.7f}))\"\n")
