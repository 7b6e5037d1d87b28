-- Shared by the scenario scripts: parameters come from the environment (run.sh exports them), and done()
-- prints one machine-readable line that run.sh parses.
function env(name)
  local v = os.getenv(name)
  if v == nil or v == "" then error("environment variable " .. name .. " is not set") end
  return v
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d errors=%d status_errors=%d\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout, e.status))
end
