-- wrk script: GET /AutocompleteAddresses with every prefix of a query as a
-- person types it, read from a file (one q a line, spaces as '+'), cycling
-- through them from a random start per thread. Usage:
--   wrk -s bench/load/autocomplete.lua URL -- PREFIXES_FILE
local prefixes = {}
local next_item = 1

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then prefixes[#prefixes + 1] = line end
  end
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16))
  next_item = math.random(#prefixes)
end

function request()
  local q = prefixes[next_item]
  next_item = next_item % #prefixes + 1
  return wrk.format("GET", "/AutocompleteAddresses?limit=10&q=" .. q)
end
