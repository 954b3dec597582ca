-- wrk script: POST one fixed body with fixed headers, read from files prepared by bench.sh.
local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

local dir = os.getenv("BENCH_DIR")
wrk.method = "POST"
wrk.body = read(dir .. "/body")
wrk.headers["Content-Type"] = "application/json"
for line in read(dir .. "/headers"):gmatch("[^\n]+") do
  local name, value = line:match("^([^:]+):%s*(.*)$")
  if name then wrk.headers[name] = value end
end

local non2xx = 0
response = function(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("BENCH requests=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status))
end
