-- wrk's --latency prints no 95th percentile: this reporter prints every figure on one line.
-- Given arguments, the requests cycle through those paths (the held load on several pages).
local paths, next_path = {}, 1
init = function(args)
  for _, path in ipairs(args) do table.insert(paths, path) end
end
request = function()
  if #paths == 0 then return wrk.request() end
  local path = paths[next_path]
  next_path = next_path % #paths + 1
  return wrk.format(nil, path)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d "
    .. "connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.connect, e.read, e.write, e.status, e.timeout))
end
