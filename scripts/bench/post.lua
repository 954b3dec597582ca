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

-- Each wrk thread runs its own Lua state: setup keeps the threads so done can add up their counts.
local threads = {}
setup = function(thread) table.insert(threads, thread) end

non2xx = 0
response = function(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

-- errors: socket errors (connect, read, write, timeout) and answers of 400 or more, as before;
-- non2xx: answers outside 200-299, counted by the threads; socket: the socket errors alone.
done = function(summary, latency, requests)
  local n = 0
  for _, thread in ipairs(threads) do n = n + (thread:get("non2xx") or 0) end
  local socket = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("BENCH requests=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f errors=%d non2xx=%d socket=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    socket + summary.errors.status, n, socket))
end
