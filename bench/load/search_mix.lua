-- wrk script: POSTs SearchAddresses bodies read from a file (one JSON body
-- a line, e.g. from `beladdr-quality bodies`), cycling through them. Each
-- wrk thread starts at its own offset. Usage:
--   wrk -s bench/load/search_mix.lua URL -- BODIES_FILE

local bodies = {}
local next_body = 1
local headers = { ["Content-Type"] = "application/json" }

function init(args)
  local path = args[1]
  if path == nil then
    error("search_mix.lua: give the bodies file after --")
  end
  for line in io.lines(path) do
    if #line > 0 then bodies[#bodies + 1] = line end
  end
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
