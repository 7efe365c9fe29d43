#!/usr/bin/env python3
"""Mixed traffic against one running server on 127.0.0.1 for a fixed time (issue #17's soak check).

Workers send reads, tiles, edits (create/replace/delete of zones, projects and parcels by the role
that edits them), chain transitions and imports until the deadline, then stop by themselves. Prints
requests and failures per kind, the server's resident memory (VmRSS from /proc) at start and end,
and one JSON summary line; exits 1 on any 5xx, transport error or unexpected status.

usage: soak.py PORT SERVER_PID SECONDS ADMIN_PASSWORD [LABEL]
"""
import base64
import http.client
import json
import random
import sys
import threading
import time
import uuid

PORT, PID, SECONDS, ADMIN_PASSWORD = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
LABEL = sys.argv[5] if len(sys.argv) > 5 else "server"
WORKERS = 4
# 飞龙湖 (a lake the shipped parcels leave empty) and the district's box for tiles.
LAKE_LON, LAKE_LAT = 121.3558, 28.5978
BOX = (121.40, 28.50, 121.56, 28.62)


def rss_kib():
    with open(f"/proc/{PID}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.requests = {}
        self.failures = {}
        self.server_errors = 0
        self.transport_errors = 0
        self.examples = []
        self.latencies = {}

    def record(self, kind, status, ok, detail="", seconds=None):
        with self.lock:
            self.requests[kind] = self.requests.get(kind, 0) + 1
            if seconds is not None:
                self.latencies.setdefault(kind, []).append(seconds)
            if status is None:
                self.transport_errors += 1
            elif status >= 500:
                self.server_errors += 1
            if not ok:
                self.failures[kind] = self.failures.get(kind, 0) + 1
                if len(self.examples) < 10:
                    self.examples.append(f"{kind}: {status} {detail[:300]}")


STATS = Stats()


class Client:
    def __init__(self, user=None):
        self.auth = None if user is None else "Basic " + base64.b64encode(user.encode()).decode()
        self.conn = None

    def send(self, kind, method, path, body=None, content_type=None, expect=(200,), headers=None):
        h = dict(headers or {})
        if self.auth:
            h["Authorization"] = self.auth
        if body is not None:
            h["Content-Type"] = content_type or "application/geo+json"
            body = body.encode() if isinstance(body, str) else body
        started = time.time()
        for attempt in (1, 2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
                self.conn.request(method, path, body=body, headers=h)
                r = self.conn.getresponse()
                data = r.read()
                break
            except (http.client.HTTPException, OSError) as e:
                self.conn = None
                if attempt == 2:  # a kept-alive connection the server closed is retried once
                    STATS.record(kind, None, False, f"{method} {path}: {e!r}")
                    return None, b"", {}
        ok = r.status in expect
        STATS.record(kind, r.status, ok, f"{method} {path}: {data[:300]!r}", time.time() - started)
        return r.status, data, {k.lower(): v for k, v in r.getheaders()}


def square(lon, lat, side):
    return {"type": "Polygon", "coordinates": [[[lon, lat], [lon + side, lat], [lon + side, lat + side],
                                                [lon, lat + side], [lon, lat]]]}


def spot():
    return LAKE_LON + random.uniform(-0.003, 0.003), LAKE_LAT + random.uniform(-0.003, 0.003)


def feature(fid, geometry, properties):
    return json.dumps({"type": "Feature", "id": fid, "geometry": geometry, "properties": properties}, ensure_ascii=False)


def parcel(fid, status, renovation=None):
    lon, lat = spot()
    return feature(fid, square(lon, lat, 0.0003), {"landuse_code": "1001", "status": status, "renovation": renovation,
                                                   "farmland_protected": False, "town": "路北街道", "owner": "浸泡测试"})


def project(fid, category):
    lon, lat = spot()
    return feature(fid, square(lon, lat, 0.0005), {"name_zh": "浸泡测试项目", "name_en": "Soak project", "category": category,
                                                   "stage": "谋划", "investment_wan": 100, "planned_start": "2025-03-01"})


def zone(fid, kind):
    lon, lat = spot()
    return feature(fid, square(lon, lat, 0.001), {"name_zh": "浸泡测试区块", "kind": kind, "public": True})


def new_id():
    return "SOAK-" + uuid.uuid4().hex[:10].upper()


def tile_path():
    z = random.randint(12, 16)
    lon, lat = random.uniform(BOX[0], BOX[2]), random.uniform(BOX[1], BOX[3])
    import math
    n = 1 << z
    x = int((lon + 180) / 360 * n)
    r = math.radians(lat)
    y = int((1 - math.log(math.tan(r) + 1 / math.cos(r)) / math.pi) / 2 * n)
    return f"/tiles/{random.choice(['parcels', 'projects', 'zones'])}/{z}/{x}/{y}.{random.choice(['mvt', 'png'])}"


def crud(c, kind, layer, fid, first, second):
    status, _, h = c.send(kind, "POST", f"/api/{layer}", first, expect=(201,))
    if status != 201:
        return
    status, _, h = c.send(kind, "PUT", f"/api/{layer}/{fid}", second, headers={"If-Match": h.get("etag", "")})
    if status != 200:
        return
    c.send(kind, "DELETE", f"/api/{layer}/{fid}", headers={"If-Match": h.get("etag", "")})


def worker(deadline, users):
    anonymous, admin, planner, land = Client(), Client(users["admin"]), Client(users["planner"]), Client(users["land"])
    while time.time() < deadline:
        op = random.choices(["read", "tile", "edit", "transition", "import"], weights=[40, 30, 20, 6, 4])[0]
        if op == "read":
            lon, lat = spot()
            path = random.choice([
                "/api/zones?limit=100",
                f"/api/parcels?limit=50&bbox={lon - 0.02},{lat - 0.02},{lon + 0.02},{lat + 0.02}",
                "/api/projects?limit=100",
                "/ogc/collections/parcels/items?limit=20&offset=" + str(random.randint(0, 5000)),
                f"/api/zones/at?lon={lon}&lat={lat}",
            ])
            anonymous.send("read", "GET", path)
        elif op == "tile":
            anonymous.send("tile", "GET", tile_path(), expect=(200, 204))
        elif op == "edit":
            layer = random.choice(["parcels", "parcels", "projects", "zones"])
            fid = new_id()
            if layer == "parcels":
                crud(land, "edit", layer, fid, parcel(fid, "储备"), parcel(fid, "出让", "改造提升"))
            elif layer == "projects":
                crud(planner, "edit", layer, fid, project(fid, "绿色生态"), project(fid, "城市提能"))
            else:
                crud(admin, "edit", layer, fid, zone(fid, "key_zone"), zone(fid, "port"))
        elif op == "transition":
            fid = new_id()
            status, _, _ = planner.send("transition", "POST", "/api/projects", project(fid, "产业转型"), expect=(201,))
            if status == 201:
                for stage in ("前期", "招引", "开工"):
                    status, data, h = planner.send("transition", "POST", f"/api/projects/{fid}/transitions",
                                                   json.dumps({"to": stage}, ensure_ascii=False), "application/json")
                    if status != 200:
                        break
                else:
                    planner.send("transition", "DELETE", f"/api/projects/{fid}", headers={"If-Match": h.get("etag", "")})
        else:
            ids = [new_id() for _ in range(3)]
            features = []
            for fid in ids:
                lon, lat = spot()
                features.append({"type": "Feature", "geometry": square(lon, lat, 0.0002), "properties": {
                    "parcel_no": fid, "LU_CODE": "0701", "LU_NAME": "城镇住宅用地", "LU_L1_CODE": "07", "LU_L1_NAME": "居住用地",
                    "status": "做地", "renovation": "盘活置换", "town": "路桥街道", "owner": "浸泡测试"}})
            body = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
            status, data, _ = land.send("import", "POST", "/api/import/parcels?filename=soak.geojson", body,
                                        "application/octet-stream", expect=(202,))
            if status != 202:
                continue
            job = json.loads(data)["id"]
            for _ in range(600):
                status, data, _ = land.send("import", "GET", f"/api/import/{job}")
                if status != 200 or json.loads(data).get("status") != "reading":
                    break
                time.sleep(0.1)
            if status == 200 and json.loads(data).get("status") == "ready":
                status, _, _ = land.send("import", "POST", f"/api/import/{job}/commit", "{}", "application/json")
                if status == 200:
                    for fid in ids:
                        s, _, h = land.send("import", "GET", f"/api/parcels/{fid}")
                        if s == 200:
                            land.send("import", "DELETE", f"/api/parcels/{fid}", headers={"If-Match": h.get("etag", "")})
            else:
                STATS.record("import", status, False, f"dry run: {data[:300]!r}")


def main():
    admin = Client("admin:" + ADMIN_PASSWORD)
    users = {"admin": "admin:" + ADMIN_PASSWORD}
    for key, role in (("planner", "PLANNER"), ("land", "LAND_STAFF")):
        name = f"soak-{role.lower()}-{uuid.uuid4().hex[:6]}"
        status, data, _ = admin.send("setup", "POST", "/api/admin/users", json.dumps(
            {"username": name, "password": "correct-horse-battery", "roles": [role]}), "application/json", expect=(201,))
        if status != 201:
            print(f"cannot create the {role} user: {status} {data[:300]!r}", file=sys.stderr)
            return 2
        users[key] = name + ":correct-horse-battery"
    rss_start = rss_kib()
    rss_max = rss_start
    start = time.time()
    deadline = start + SECONDS
    threads = [threading.Thread(target=worker, args=(deadline, users), daemon=True) for _ in range(WORKERS)]
    for t in threads:
        t.start()
    next_report = start + 60
    while any(t.is_alive() for t in threads):
        time.sleep(1)
        rss_max = max(rss_max, rss_kib())
        if time.time() >= next_report:
            next_report += 60
            with STATS.lock:
                total = sum(STATS.requests.values())
            print(f"[{LABEL}] {int(time.time() - start)} s: {total} requests, {STATS.server_errors} 5xx, "
                  f"RSS {rss_kib() // 1024} MiB", flush=True)
    elapsed = time.time() - start
    rss_end = rss_kib()
    total = sum(STATS.requests.values())
    failed = sum(STATS.failures.values())
    print(f"[{LABEL}] {elapsed:.0f} s, {WORKERS} workers: {total} requests ({total / elapsed:.1f}/s)")
    for kind in sorted(STATS.requests):
        lat = sorted(STATS.latencies.get(kind, [0]))
        print(f"  {kind:<11} {STATS.requests[kind]:>8} requests  {STATS.failures.get(kind, 0):>5} failed"
              f"  p50 {lat[len(lat) // 2] * 1000:.0f} ms  p99 {lat[int(len(lat) * 0.99)] * 1000:.0f} ms  max {lat[-1] * 1000:.0f} ms")
    print(f"  5xx: {STATS.server_errors}  transport errors: {STATS.transport_errors}  unexpected statuses: {failed}")
    print(f"  RSS: start {rss_start // 1024} MiB, end {rss_end // 1024} MiB, max {rss_max // 1024} MiB")
    for e in STATS.examples:
        print("  e.g. " + e)
    print("SOAK " + json.dumps({"label": LABEL, "seconds": round(elapsed), "requests": total, "by_kind": STATS.requests,
                                "failed": failed, "status_5xx": STATS.server_errors, "transport_errors": STATS.transport_errors,
                                "rss_kib_start": rss_start, "rss_kib_end": rss_end, "rss_kib_max": rss_max}), flush=True)
    return 1 if STATS.server_errors or STATS.transport_errors or failed else 0


if __name__ == "__main__":
    sys.exit(main())
