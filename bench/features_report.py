#!/usr/bin/env python3
"""Prints the OGC API Features benchmark: requests/s, p50, p95 and p99 from wrk (server) and from pgbench's
per-transaction log (database), CPU milliseconds per request, the ratios server/database, and one last line
`FEATURES key=value ...` for bench/run.sh."""
import glob, re, statistics, sys

out = sys.argv[1]

def keyvalues(path):
    return dict(item.split("=", 1) for item in open(path).read().split())

def wrk(kind):
    text = open(f"{out}/{kind}.wrk").read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    def pct(p):
        value, unit = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\b", text, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    p95 = float(re.search(r"^p95_ms ([\d.]+)", text, re.M).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    cpu = keyvalues(f"{out}/{kind}.cpu")
    tick_ms = 1000.0 / int(cpu["hz"])
    return {
        "rps": rps, "p50": pct(50), "p95": p95, "p99": pct(99), "errors": int(errors.group(1)) if errors else 0,
        "jvm_cpu": int(cpu["server_ticks"]) * tick_ms / requests, "db_cpu": int(cpu["db_ticks"]) * tick_ms / requests,
    }

def pgbench(kind):
    cpu = keyvalues(f"{out}/{kind}.pgcpu")
    start, end = float(cpu["from"]), float(cpu["to"])
    latencies, in_window = [], 0
    for log in glob.glob(f"{out}/{kind}.pglog*"):
        for line in open(log):
            fields = line.split()
            latencies.append(int(fields[2]) / 1000.0)    # column 3: latency in microseconds
            if start <= int(fields[4]) + int(fields[5]) / 1e6 <= end:    # columns 5, 6: when it ended
                in_window += 1
    latencies.sort()
    def pct(p):
        return latencies[max(0, int(len(latencies) * p) - 1)]
    tps = float(re.search(r"tps = ([\d.]+)", open(f"{out}/{kind}.pgbench").read()).group(1))
    return {"rps": tps, "p50": statistics.median(latencies), "p95": pct(0.95), "p99": pct(0.99),
            "db_cpu": int(cpu["db_ticks"]) * 1000.0 / int(cpu["hz"]) / max(in_window, 1)}

print(f"{'query':8} {'source':10} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}"
      f" {'JVM cpu ms/req':>15} {'db cpu ms/req':>14}")
line = []
for kind in ("bbox", "filter"):
    s, d = wrk(kind), pgbench(kind)
    print(f"{kind:8} {'server':10} {s['rps']:9.1f} {s['p50']:8.1f} {s['p95']:8.1f} {s['p99']:8.1f} {s['errors']:7d}"
          f" {s['jvm_cpu']:15.2f} {s['db_cpu']:14.2f}")
    print(f"{kind:8} {'postgres':10} {d['rps']:9.1f} {d['p50']:8.1f} {d['p95']:8.1f} {d['p99']:8.1f} {'':>7}"
          f" {'':>15} {d['db_cpu']:14.2f}")
    print(f"{kind:8} {'ratio':10} {s['rps'] / d['rps']:9.2f} {s['p50'] / d['p50']:8.2f} {s['p95'] / d['p95']:8.2f}"
          f" {s['p99'] / d['p99']:8.2f}   (server / database)")
    line += [f"{kind}_ratio={s['rps'] / d['rps']:.2f}", f"{kind}_rps={s['rps']:.1f}", f"{kind}_db_tps={d['rps']:.1f}",
             f"{kind}_p50_ms={s['p50']:.1f}", f"{kind}_p95_ms={s['p95']:.1f}", f"{kind}_p99_ms={s['p99']:.1f}",
             f"{kind}_db_p95_ms={d['p95']:.1f}", f"{kind}_errors={s['errors']}",
             f"{kind}_server_cpu_ms={s['jvm_cpu']:.2f}", f"{kind}_server_db_cpu_ms={s['db_cpu']:.2f}",
             f"{kind}_pgbench_db_cpu_ms={d['db_cpu']:.2f}"]
print("FEATURES " + " ".join(line))
