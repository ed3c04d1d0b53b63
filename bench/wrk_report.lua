-- wrk script for bench/bench_portal.py: report latency percentiles and errors as one JSON line.
--
-- Usage: wrk -c8 -t2 -d10s -s bench/wrk_report.lua http://127.0.0.1:PORT/path [-- PATHS_FILE]
-- With PATHS_FILE (one request path per line), each request picks a random path from it;
-- without, every request goes to the URL's path. Any response that is not 2xx counts as an
-- error ("non2xx"), as do wrk's own connect/read/write/timeout errors and its status errors
-- (>= 400, which are a subset of non2xx).

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  non2xx = 0
  paths = {}
  if args[1] ~= nil and args[1] ~= "" then
    for line in io.lines(args[1]) do
      if line ~= "" then
        table.insert(paths, line)
      end
    end
  end
  -- A different random sequence per thread.
  math.randomseed(os.time() * 100 + id)
  static_request = wrk.format()
end

function request()
  if #paths == 0 then
    return static_request
  end
  return wrk.format(nil, paths[math.random(#paths)])
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + (thread:get("non2xx") or 0)
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_s": %.3f, "rps": %.2f, "bytes": %d, ' ..
    '"latency_ms": {"p50": %.3f, "p90": %.3f, "p95": %.3f, "p99": %.3f, "mean": %.3f, "max": %.3f}, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d, "non2xx": %d}}\n',
    summary.requests, seconds, summary.requests / seconds, summary.bytes,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.mean / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.status, e.timeout, bad))
end
