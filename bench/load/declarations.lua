-- wrk script for the S222 declaration routes. Usage:
--   KEY=<central's key> wrk -s bench/load/declarations.lua URL -- create
--   KEY=<central's key> wrk -s bench/load/declarations.lua URL -- search NUMBERS_FILE
-- create: POST /CreateDeclarationCAS, cycling through addresses that
--         resolve to one street (14 streets in 14 postcodes).
-- search: POST /SearchDeclarationCAS with a mix of criteria: a street
--         code, a postcode, a NIS code, a declaration number (from
--         NUMBERS_FILE, one a line), deleted ones, recent changes, and the
--         first page of everything.

local addresses = {
  {"Rue Haute", "5", "7090"}, {"Sint-Pietersnieuwstraat", "25", "9000"},
  {"Chaussée de Waterloo", "1000", "1180"}, {"Meir", "50", "2000"},
  {"Rue Neuve", "10", "1000"}, {"Boulevard d'Avroy", "20", "4000"},
  {"Bahnhofstraße", "3", "4700"}, {"Steenweg op Gent", "12", "1080"},
  {"Kerkstraat", "7", "9200"}, {"Rue de la Loi", "16", "1000"},
  {"Stationsstraat", "4", "2800"}, {"Naamsestraat", "30", "3000"},
  {"Rue de Fer", "2", "5000"}, {"Korenmarkt", "10", "9000"},
}
local street_codes = {
  "icar:7716673@7090", "crab:71633@9000", "urbis:13@1180", "crab:1992@2000",
  "urbis:4611@1000", "icar:7729672@4000", "icar:7735742@4700",
  "urbis:595@1080", "crab:65192@9200", "urbis:1312@1000", "crab:11006@2800",
  "crab:35145@3000", "icar:7753710@5000", "crab:70762@9000",
}
local nis_codes = {"21004", "44021", "21016", "11002", "62063", "63023"}

local mode = "create"
local numbers = {}
local next_item = 1
local headers = {
  ["Content-Type"] = "application/json",
  ["Authorization"] = "Bearer " .. (os.getenv("KEY") or ""),
}

function init(args)
  mode = args[1] or "create"
  if mode == "search" then
    for line in io.lines(args[2]) do
      if #line > 0 then numbers[#numbers + 1] = line end
    end
  end
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16))
  next_item = math.random(1000)
end

local function create_body(i)
  local a = addresses[i % #addresses + 1]
  return string.format([[{"address":{"street":"%s","houseNumber":"%s","postCode":"%s"},]] ..
    [["user":{"type":"person","nationalRegisterNumber":"85073003328","name":"Jan Peeters"},]] ..
    [["alarm":{"detectionKinds":["intrusion"],"premisesType":"residential","startDate":"2026-12-01"},]] ..
    [["contacts":[{"name":"Jan","phone":"0470 12 34 56"}]}]], a[1], a[2], a[3])
end

local function search_body(i)
  local kind = i % 7
  if kind == 0 then
    return string.format('{"streetCode":"%s"}', street_codes[i % #street_codes + 1])
  elseif kind == 1 then
    return string.format('{"postCode":"%s","limit":50}', addresses[i % #addresses + 1][3])
  elseif kind == 2 then
    return string.format('{"municipality":"%s"}', nis_codes[i % #nis_codes + 1])
  elseif kind == 3 and #numbers > 0 then
    return string.format('{"declarationNumber":"%s"}', numbers[i % #numbers + 1])
  elseif kind == 4 then
    return '{"status":"deleted"}'
  elseif kind == 5 then
    return string.format('{"modifiedSince":"%s"}', os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - 60))
  end
  return '{"limit":100}'
end

function request()
  next_item = next_item + 1
  if mode == "search" then
    return wrk.format("POST", "/SearchDeclarationCAS", headers, search_body(next_item))
  end
  return wrk.format("POST", "/CreateDeclarationCAS", headers, create_body(next_item))
end
