-- wrk: cycle through the fixed tile list (TILE_LIST: one URL path per line), each thread from its own offset.
local paths = {}
for line in io.lines(os.getenv("TILE_LIST")) do paths[#paths + 1] = line end
local counter = 0
function setup(thread) counter = counter + 1; thread:set("offset", counter * 7919) end
local i = nil
function request()
  if i == nil then i = offset or 0 end
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
