#!/usr/bin/env python3
"""Steady mixed traffic for bench/outage.sh (issue #13), until the file STOP_FILE appears.

Anonymous workers read the feature API, the OGC API, single features, vector and raster tiles,
a small export and the readiness probe; each answer is counted by kind and status, a 503 is checked
for Retry-After and problem+json, a 500 (or any other 5xx) is kept as an example, and a request
the server could not take at all (refused, reset: the server itself was down) is counted as a
transport error with its time. On stop, prints one JSON summary and a timeline of what clients saw.

usage: outage.py PORT STOP_FILE [WORKERS]
"""
import http.client
import json
import os
import random
import sys
import threading
import time

PORT, STOP = int(sys.argv[1]), sys.argv[2]
WORKERS = int(sys.argv[3]) if len(sys.argv) > 3 else 4
BOX = (121.40, 28.50, 121.56, 28.62)
START = time.time()
lock = threading.Lock()
counts = {}            # status (or "transport") -> n
by_kind = {}           # kind -> {status: n}
timeline = {}          # second -> {status: n}
problems = {"503_without_retry_after": 0, "503_not_problem_json": 0, "stack_trace_in_body": 0}
examples = []


def tile_path(fmt):
    import math
    z = random.choice((12, 13, 14, 15))
    lon, lat = random.uniform(BOX[0], BOX[2]), random.uniform(BOX[1], BOX[3])
    n = 1 << z
    x = int((lon + 180) / 360 * n)
    r = math.radians(lat)
    y = int((1 - math.log(math.tan(r) + 1 / math.cos(r)) / math.pi) / 2 * n)
    return f"/tiles/{random.choice(('parcels', 'all', 'zones'))}/{z}/{x}/{y}.{fmt}"


def request():
    r = random.random()
    lon, lat = random.uniform(BOX[0], BOX[2]), random.uniform(BOX[1], BOX[3])
    if r < 0.25:
        return "api-list", f"/api/parcels?limit=20&bbox={lon - 0.01:.5f},{lat - 0.01:.5f},{lon + 0.01:.5f},{lat + 0.01:.5f}"
    if r < 0.35:
        return "api-list", random.choice(("/api/zones?limit=100", "/api/projects?limit=100"))
    if r < 0.50:
        return "ogc-items", f"/ogc/collections/parcels/items?limit=10&bbox={lon - 0.01:.5f},{lat - 0.01:.5f},{lon + 0.01:.5f},{lat + 0.01:.5f}"
    if r < 0.60:
        return "feature", f"/api/parcels/{random.choice(FEATURES)}" if FEATURES else "/api/zones?limit=1"
    if r < 0.80:
        return "tile-mvt", tile_path("mvt")
    if r < 0.88:
        return "tile-png", tile_path("png")
    if r < 0.93:
        return "export", f"/api/export/zones?format=geojson"
    return "readiness", "/actuator/health/readiness"


FEATURES = []


def record(kind, status, headers=None, body=b""):
    second = int(time.time() - START)
    with lock:
        counts[status] = counts.get(status, 0) + 1
        by_kind.setdefault(kind, {})
        by_kind[kind][status] = by_kind[kind].get(status, 0) + 1
        timeline.setdefault(second, {})
        timeline[second][status] = timeline[second].get(status, 0) + 1
        if status == 503 and kind != "readiness":
            if not (headers or {}).get("retry-after"):
                problems["503_without_retry_after"] += 1
            if not (headers or {}).get("content-type", "").startswith("application/problem+json"):
                problems["503_not_problem_json"] += 1
        if isinstance(status, int) and status >= 500 and (b"Exception" in body or b"\tat " in body):
            problems["stack_trace_in_body"] += 1
        if isinstance(status, int) and status >= 500 and status != 503 and len(examples) < 10:
            examples.append(f"t={second}s {kind}: {status} {body[:300]!r}")


def worker():
    conn = None
    while not os.path.exists(STOP):
        kind, path = request()
        try:
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
            conn.request("GET", path)
            resp = conn.getresponse()
            body = resp.read()
            headers = {k.lower(): v for k, v in resp.getheaders()}
            record(kind, resp.status, headers, body)
            if resp.status == 503:
                time.sleep(0.2)
        except (OSError, http.client.HTTPException) as e:
            record(kind, "transport")
            conn = None
            time.sleep(0.2)


def main():
    try:
        c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
        c.request("GET", "/api/parcels?limit=200")
        FEATURES.extend(f["id"] for f in json.loads(c.getresponse().read())["features"])
    except Exception as e:  # noqa: BLE001 - the traffic goes on without single features
        print(f"no feature ids: {e}", file=sys.stderr)
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    total = sum(counts.values())
    print(json.dumps({"requests": total, "statuses": {str(k): v for k, v in sorted(counts.items(), key=str)},
                      "by_kind": {k: {str(s): n for s, n in v.items()} for k, v in sorted(by_kind.items())},
                      "checks": problems, "examples": examples}, ensure_ascii=False))
    print("timeline (second since start: answers other than 200/304/404, when any; transport = refused or cut):")
    for second in sorted(timeline):
        odd = {str(k): v for k, v in timeline[second].items() if k not in (200, 304, 404)}
        if odd:
            print(f"  t={second}s {odd} of {sum(timeline[second].values())}")


if __name__ == "__main__":
    main()
