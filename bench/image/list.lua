-- GET BENCH_LIST_PATH (/v2/images: the first page, Glance's default limit 25, newest first) with an admin token.
-- Prints one machine-readable line that run.sh parses.
local function env(name)
  local v = os.getenv(name)
  if v == nil or v == "" then error("environment variable " .. name .. " is not set") end
  return v
end
wrk.method = "GET"
wrk.path = env("BENCH_LIST_PATH")
wrk.headers["X-Auth-Token"] = env("BENCH_TOKEN")
wrk.headers["Accept"] = "application/json"

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d errors=%d status_errors=%d\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout, e.status))
end
