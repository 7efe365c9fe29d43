#!/usr/bin/env python3
"""Prints the OGC API Features benchmark: requests/s, median and p99 from wrk (server) and from
pgbench's per-transaction log (database), and the ratios server/database."""
import glob, re, statistics, sys

out = sys.argv[1]

def wrk(path):
    text = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    def pct(p):
        value, unit = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\b", text, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return rps, pct(50), pct(99), int(errors.group(1)) if errors else 0

def pgbench(kind):
    latencies = []
    for log in glob.glob(f"{out}/{kind}.pglog*"):
        for line in open(log):
            latencies.append(int(line.split()[2]) / 1000.0)    # column 3: latency in microseconds
    latencies.sort()
    tps = float(re.search(r"tps = ([\d.]+)", open(f"{out}/{kind}.pgbench").read()).group(1))
    return tps, statistics.median(latencies), latencies[int(len(latencies) * 0.99) - 1]

print(f"{'query':8} {'source':10} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9} {'errors':>7}")
for kind in ("bbox", "filter"):
    s_rps, s50, s99, errors = wrk(f"{out}/{kind}.wrk")
    d_rps, d50, d99 = pgbench(kind)
    print(f"{kind:8} {'server':10} {s_rps:9.1f} {s50:9.1f} {s99:9.1f} {errors:7d}")
    print(f"{kind:8} {'postgres':10} {d_rps:9.1f} {d50:9.1f} {d99:9.1f} {'':>7}")
    print(f"{kind:8} {'ratio':10} {s_rps / d_rps:9.2f} {s50 / d50:9.2f} {s99 / d99:9.2f}   (server / database)")
