-- wrk script for bench/run-load.sh: alternates the ranking and a unit report page (paths in env LOAD_PATHS,
-- comma-separated), sends the signed-in cookie, and prints p50/p99 and every kind of error at the end.
local paths = {}
for p in string.gmatch(os.getenv("LOAD_PATHS") or "/", "([^,]+)") do paths[#paths + 1] = p end
local cookie = os.getenv("LOAD_COOKIE") or ""
local n = 0

request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1], { ["Cookie"] = cookie })
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("requests %d in %.1f s (%.0f/s)\n", summary.requests, summary.duration / 1e6,
    summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("errors connect %d, read %d, write %d, timeout %d, non-2xx %d\n",
    e.connect, e.read, e.write, e.timeout, e.status))
end
