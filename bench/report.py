#!/usr/bin/env python3
"""Reads the outputs of one bench/run.sh run and prints every run's rate, p50/p95/p99, errors, the CPU time
its serving processes and the PostgreSQL server spent per request, then the targets of issue #18 with the
measured ratios (by rate, and by CPU per request where both sides were measured from outside)."""
import re, sys, os, glob
out = sys.argv[1]

def ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

def cpu(name, done):
    path = os.path.join(out, name + ".cpu")
    if not os.path.exists(path):
        return None, None, ""
    c = dict(kv.split("=") for kv in open(path).read().split())
    per = lambda ticks: int(ticks) / int(c["hz"]) * 1000 / max(done, 1)
    return per(c["server_ticks"]), per(c["db_ticks"]), c["load"]

def wrk(name):
    path = os.path.join(out, name + ".wrk")
    if not os.path.exists(path):
        return None
    text = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    lat = {p: ms(v, u) for p, v, u in re.findall(r"\s(50|99)%\s+([\d.]+)(us|ms|s)", text)}
    p95 = re.search(r"p95_us: (\d+)", text)
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", text))
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if sock:
        errors += sum(int(g) for g in sock.groups())
    done = int(re.search(r"(\d+) requests in", text).group(1))
    server, db, load = cpu(name, done)
    return dict(rate=rps, p50=lat.get("50"), p95=int(p95.group(1)) / 1000 if p95 else None, p99=lat.get("99"),
                errors=errors, done=done, cpu=server, db=db, load=load)

def pgbench(name):
    path = os.path.join(out, name + ".pgbench")
    if not os.path.exists(path):
        return None
    text = open(path).read()
    tps = float(re.search(r"tps = ([\d.]+)", text).group(1))
    lat = sorted(int(line.split()[2]) / 1000 for log in glob.glob(os.path.join(out, name + "_log*")) for line in open(log))
    p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] if lat else None
    failed = re.search(r"number of failed transactions: (\d+)", text)
    done = int(re.search(r"number of transactions actually processed: (\d+)", text).group(1))
    _, db, load = cpu(name, done)
    return dict(rate=tps, p50=p(0.5), p95=p(0.95), p99=p(0.99), errors=int(failed.group(1)) if failed else 0,
                done=done, cpu=None, db=db, load=load)

def line(file, tag):
    """The KEY=value pairs of the last line starting with tag in a sub-benchmark's output."""
    path = os.path.join(out, file)
    if not os.path.exists(path):
        return {}
    found = [l for l in open(path) if l.startswith(tag + " ")]
    return dict(kv.split("=", 1) for kv in found[-1].split()[1:]) if found else {}

runs = {
    "mvt_lo   cold MVT z10-z13, this server": wrk("mvt_lo"),
    "peer_lo  peers' statement z10-z13, pgbench": pgbench("peer_lo"),
    "mvt_hi   cold MVT z14-z16, this server": wrk("mvt_hi"),
    "peer_hi  peers' statement z14-z16, pgbench": pgbench("peer_hi"),
    "png      cold PNG, this server": wrk("png"),
    "ms_capped  MapServer 8, as drawn before overviews": wrk("ms_capped"),
    "ms_raw   MapServer 8 on the raw table": wrk("ms_raw"),
    "mvt_warm warm MVT, this server": wrk("mvt_warm"),
    "nginx    same bytes, nginx files": wrk("nginx"),
    "png_warm warm PNG, this server": wrk("png_warm"),
}
tiles = sum(1 for _ in open(os.path.join(out, "tiles.txt")))
f = lambda v, w=8, d=1: f"{v:{w}.{d}f}" if v is not None else " " * (w - 1) + "-"
print(f"{'run':50} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>6} {'done':>7} {'cpu ms':>7} {'db ms':>7}  load")
for k, r in runs.items():
    if r is None:
        print(f"{k:50} (not run)")
        continue
    print(f"{k:50} {r['rate']:9.1f} {f(r['p50'])} {f(r['p95'])} {f(r['p99'])} {r['errors']:6d} {r['done']:7d} "
          f"{f(r['cpu'], 7, 2)} {f(r['db'], 7, 2)}  {r['load']}")
print("(done: requests completed; cpu ms: CPU time of the serving processes per request (JVM; nginx workers;")
print(" mapserv processes); db ms: of the whole PostgreSQL server per request, parallel workers included;")
print(" load: load average at the start and end of the run)")

features, imports = line("features.txt", "FEATURES"), line("import.txt", "IMPORT")
picture = line("pngdiff.txt", "PNGDIFF")
num = lambda d, k: float(d[k]) if k in d else None

def ratio(a, b):
    ra, rb = runs[a], runs[b]
    return ra["rate"] / rb["rate"] if ra and rb else None

def cost_ratio(a, b):
    """The other side's CPU per request (its processes and the database) over ours; > 1: ours is cheaper."""
    ra, rb = runs[a], runs[b]
    if not ra or not rb or ra["db"] is None or rb["db"] is None:
        return None
    return ((rb["cpu"] or 0) + rb["db"]) / ((ra["cpu"] or 0) + ra["db"])

keys = list(runs)
targets = [
    ("cold MVT z10-z13 / peers' statement (pgbench)", ratio(keys[0], keys[1]), cost_ratio(keys[0], keys[1]), 5.0, ">="),
    ("cold MVT z14-z16 / peers' statement (pgbench)", ratio(keys[2], keys[3]), cost_ratio(keys[2], keys[3]), 1.0, ">="),
    ("cold PNG / MapServer 8 on the raw table", ratio(keys[4], keys[6]), cost_ratio(keys[4], keys[6]), 2.0, ">="),
    ("cold PNG / MapServer 8 as drawn before overviews", ratio(keys[4], keys[5]), cost_ratio(keys[4], keys[5]), 2.0, ">="),
    ("warm MVT / nginx, same bytes", ratio(keys[7], keys[8]), cost_ratio(keys[7], keys[8]), 0.7, ">="),
    ("PNG z10-z13 from overviews vs full render, worst tile's differing pixels (share)", num(picture, "worst"), None, 0.02, "<="),
    ("import commit / ogr2ogr with COPY", num(imports, "commit_ratio"), None, 1.0, ">="),
    ("import dry run / ogr2ogr with COPY", num(imports, "dry_ratio"), None, 2.0, ">="),
    ("import peak resident memory, MB", num(imports, "peak_rss_mb"), None, 700, "<="),
    ("features bbox page / same SQL through pgbench", num(features, "bbox_ratio"), None, 0.8, ">="),
    ("features bbox p95, ms", num(features, "bbox_p95_ms"), None, 20, "<="),
    ("features filter page / same SQL through pgbench", num(features, "filter_ratio"), None, 0.8, ">="),
    ("features filter p95, ms", num(features, "filter_p95_ms"), None, 20, "<="),
]
errors = sum(r["errors"] for k, r in runs.items() if r and not k.startswith(("ms_", "peer_", "nginx")))
print()
print(f"{'target (issue #18)':52} {'measured':>9} {'by CPU':>8} {'target':>9}  met")
for name, value, by_cpu, goal, op in targets:
    met = "-" if value is None else ("yes" if (value >= goal if op == ">=" else value <= goal) else "NO")
    print(f"{name:52} {f(value, 9, 2)} {f(by_cpu, 8, 2)} {op + ' ' + str(goal):>9}  {met}")
print(f"{'errors of this server at ' + os.environ.get('CONNECTIONS', '64') + ' connections':52} {errors:9d} {'':8} {'0':>9}  {'yes' if errors == 0 else 'NO'}")
if imports:
    print("import: " + ", ".join(f"{k} {v}" for k, v in imports.items()))
if features:
    print("features: " + ", ".join(f"{k} {v}" for k, v in features.items()))
