-- wrk for bench/features.sh: the fixed URL list of bench/tiles.lua, and the 95th percentile at the end
-- (wrk's --latency prints 50, 75, 90 and 99 only).
dofile("bench/tiles.lua")
function done(summary, latency, requests)
  io.write(string.format("p95_ms %.3f\n", latency:percentile(95.0) / 1000.0))
end
