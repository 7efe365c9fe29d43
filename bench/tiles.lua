-- wrk: cycle through the fixed tile list (TILE_LIST: one URL path per line, in the shuffled order that
-- pgbench follows too); the two threads start half the list apart and each walks it in order.
local paths = {}
for line in io.lines(os.getenv("TILE_LIST")) do paths[#paths + 1] = line end
local counter = 0
function setup(thread) thread:set("offset", counter * math.floor(#paths / 2)); counter = counter + 1 end
local i = nil
function request()
  if i == nil then i = offset or 0 end
  local path = paths[(i % #paths) + 1]
  i = i + 1
  return wrk.format("GET", path)
end
-- wrk's --latency table stops at 90 and 99 %; the report also wants the 95th percentile (microseconds).
function done(summary, latency, requests)
  io.write(string.format("p95_us: %d\n", latency:percentile(95.0)))
end
