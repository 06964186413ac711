-- wrk script for every load of bench/run. Configured by the environment:
--   METHOD=POST BODY_FILE=f TOKEN=t   POST the file's bytes (the server assigns each record its id,
--                                     so the same body appends a new record every time)
--   IDS_FILE=f PATH_PREFIX=p PATH_SUFFIX=s
--                                     GET p..id..s, id drawn at random from the file (one per line)
--   otherwise                         GET the URL given to wrk
-- At the end it prints one line that bench/run parses:
--   RESULT requests=N duration_us=N rps=X p50_ms=X p99_ms=X non2xx=N socket_errors=N

local method = os.getenv("METHOD") or "GET"
local token = os.getenv("TOKEN")
local body_file = os.getenv("BODY_FILE")
local ids_file = os.getenv("IDS_FILE")
local prefix = os.getenv("PATH_PREFIX") or ""
local suffix = os.getenv("PATH_SUFFIX") or ""
local ids = {}

wrk.method = method
if token then
  wrk.headers["Authorization"] = "Bearer " .. token
end
if body_file then
  local f = assert(io.open(body_file, "rb"))
  wrk.body = f:read("*a")
  f:close()
  wrk.headers["Content-Type"] = "application/json"
end
if ids_file then
  for line in io.lines(ids_file) do
    if #line > 0 then
      ids[#ids + 1] = line
    end
  end
end

function setup(thread)
  thread:set("seed", math.random(1, 2147483647))
end

function init(args)
  math.randomseed((seed or 1) + os.time())
end

if ids_file then
  request = function()
    return wrk.format(nil, prefix .. ids[math.random(#ids)] .. suffix)
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d rps=%.2f p50_ms=%.2f p99_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration, summary.requests / summary.duration * 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
