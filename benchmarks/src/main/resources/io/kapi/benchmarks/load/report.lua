-- Shared by the wrk scripts: one machine-readable line the Java side parses (times in µs).
function report(summary, latency)
  io.write(string.format(
    "KAPI-RESULT requests=%d status_errors=%d socket_errors=%d mean_us=%.0f p50_us=%d p99_us=%d\n",
    summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency.mean, latency:percentile(50), latency:percentile(99)))
end

-- Each wrk thread learns its index (1..threads) before init runs in it.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_index", threads)
end

-- Script arguments: the first is the bearer token, or "-" for none.
function headers_for(token)
  local headers = {}
  if token ~= "-" then headers["Authorization"] = "Bearer " .. token end
  return headers
end

done = function(summary, latency, requests) report(summary, latency) end
