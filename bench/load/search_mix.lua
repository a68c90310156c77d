-- wrk script: POSTs SearchAddresses bodies read from a file (one JSON body
-- a line, e.g. from `beladdr-quality bodies`), cycling through them. Each
-- wrk thread starts at its own offset. Usage:
--   wrk -s bench/load/search_mix.lua URL -- BODIES_FILE [PAUSE_MS]
-- With PAUSE_MS, each connection waits that long before each request: a
-- steady rate of about connections x 1000 / (PAUSE_MS + latency) per
-- second, instead of as fast as the server goes (the soak uses it).

local bodies = {}
local next_body = 1
local pause_ms = 0
local headers = { ["Content-Type"] = "application/json" }

function init(args)
  local path = args[1]
  if path == nil then
    error("search_mix.lua: give the bodies file after --")
  end
  for line in io.lines(path) do
    if #line > 0 then bodies[#bodies + 1] = line end
  end
  if args[2] ~= nil then pause_ms = tonumber(args[2]) end
  if #bodies == 0 then
    error("search_mix.lua: no request bodies in " .. path)
  end
  -- A different starting point per thread (wrk runs init once per thread).
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16))
  next_body = math.random(#bodies)
end

function request()
  local body = bodies[next_body]
  next_body = next_body % #bodies + 1
  return wrk.format("POST", "/SearchAddresses", headers, body)
end

function delay()
  return pause_ms
end
