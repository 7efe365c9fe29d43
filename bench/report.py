#!/usr/bin/env python3
"""Reads the wrk and pgbench outputs of one benchmark run and prints requests/s, p50/p99, errors, the CPU
time the serving processes and their database backends spent per request, and the ratios."""
import re, sys, os, statistics, glob
out = sys.argv[1]

def ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

def wrk(name):
    text = open(os.path.join(out, name + ".wrk")).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    lat = {p: ms(v, u) for p, v, u in re.findall(r"\s(50|99)%\s+([\d.]+)(us|ms|s)", text)}
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", text))
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if sock:
        errors += sum(int(g) for g in sock.groups())
    done = int(re.search(r"(\d+) requests in", text).group(1))
    cpu = dict(kv.split("=") for kv in open(os.path.join(out, name + ".cpu")).read().split())
    per_request = lambda ticks: int(ticks) / int(cpu["hz"]) * 1000 / max(done, 1)
    return rps, lat.get("50"), lat.get("99"), errors, done, per_request(cpu["server_ticks"]), per_request(cpu["db_ticks"]), cpu["load"]

def pgbench(name):
    text = open(os.path.join(out, name + ".pgbench")).read()
    tps = float(re.search(r"tps = ([\d.]+)", text).group(1))
    lat = []
    for log in glob.glob(os.path.join(out, name + "_log*")):
        for line in open(log):
            lat.append(int(line.split()[2]) / 1000)
    lat.sort()
    p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] if lat else None
    failed = re.search(r"number of failed transactions: (\d+)", text)
    done = re.search(r"number of transactions actually processed: (\d+)", text)
    return tps, p(0.5), p(0.99), int(failed.group(1)) if failed else 0, int(done.group(1)) if done else 0, None, None, ""

rows = {
    "a  MVT cold, this server (encoder=database)": wrk("a_mvt_cold"),
    "a' MVT cold, this server (encoder=java)": wrk("a_mvt_cold_java"),
    "b  same SQL via pgbench (ST_AsMVT)": pgbench("b_pgbench"),
    "c  MVT warm (cached), this server": wrk("c_mvt_warm"),
    "d  same bytes from nginx files": wrk("d_nginx"),
    "e  PNG cold, this server": wrk("e_png_cold"),
    "e' PNG warm (cached), this server": wrk("e_png_warm"),
    "e  PNG, MapServer 8 FastCGI": wrk("e_mapserver"),
}
tiles = sum(1 for _ in open(os.path.join(out, "tiles.txt")))
print(f"{'run':48} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'done':>8} {'lists':>6} {'cpu ms':>7} {'db ms':>7}  load")
for k, (rps, p50, p99, err, done, cpu, db, load) in rows.items():
    f = lambda v, w=8: f"{v:{w}.1f}" if v is not None else " " * (w - 1) + "-"
    g = lambda v: f"{v:7.2f}" if v is not None else "      -"
    print(f"{k:48} {rps:9.1f} {f(p50)} {f(p99)} {err:7d} {done:8d} {done / tiles:6.2f} {g(cpu)} {g(db)}  {load}")
print(f"(done: requests completed; lists: how many times that covers the {tiles}-tile list; cpu ms: CPU time of the")
print(" serving processes per request (JVM; nginx workers; mapserv processes); db ms: of their database backends,")
print(" parallel workers not counted; load: load average at the start and end of the run)")
r = lambda a, b: rows[a][0] / rows[b][0]
c = lambda a, b: (rows[b][5] + rows[b][6]) / (rows[a][5] + rows[a][6])
print()
print(f"(a/b)  cold MVT vs database floor : {r('a  MVT cold, this server (encoder=database)', 'b  same SQL via pgbench (ST_AsMVT)'):.2f}  (target >= 0.8)")
print(f"(a'/a) Java encoder vs ST_AsMVT   : {r(chr(97)+chr(39)+' MVT cold, this server (encoder=java)', 'a  MVT cold, this server (encoder=database)'):.2f}")
print(f"(c/d)  warm MVT vs nginx files    : {r('c  MVT warm (cached), this server', 'd  same bytes from nginx files'):.2f}  (target >= 0.5)")
print(f"(e)    PNG cold ours / MapServer  : {r('e  PNG cold, this server', 'e  PNG, MapServer 8 FastCGI'):.2f}  (target >= 2)")
print(f"(e')   PNG warm ours / MapServer  : {r(chr(101)+chr(39)+' PNG warm (cached), this server', 'e  PNG, MapServer 8 FastCGI'):.2f}")
print()
print("The same by CPU per request (the other's CPU ms, server and database, over ours; > 1: ours is cheaper):")
print(f"(c/d)  warm MVT vs nginx files    : {c('c  MVT warm (cached), this server', 'd  same bytes from nginx files'):.2f}")
print(f"(e)    PNG cold ours / MapServer  : {c('e  PNG cold, this server', 'e  PNG, MapServer 8 FastCGI'):.2f}")
