-- wrk script for bench/run.py: counts non-2xx answers, stops each thread after a
-- maximum number of requests, and prints one JSON line of results when done.
--
--   wrk -t 2 -c 8 -d 10s --timeout 5s -s bench/report.lua URL -- MAX_REQUESTS_PER_THREAD
--
-- Latencies from wrk are in microseconds.

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   max_requests = tonumber(args[1]) or 0
   responses = 0
   non2xx = 0
end

function response(status, headers, body)
   responses = responses + 1
   if status < 200 or status > 299 then
      non2xx = non2xx + 1
   end
   if max_requests > 0 and responses >= max_requests then
      wrk.thread:stop()
   end
end

function done(summary, latency, requests)
   local non2xx_total = 0
   for _, thread in ipairs(threads) do
      non2xx_total = non2xx_total + (thread:get("non2xx") or 0)
   end
   local e = summary.errors
   io.write(string.format(
      'BENCH_WRK_JSON {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
      '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f, ' ..
      '"non2xx": %d, "status_errors": %d, "connect_errors": %d, "read_errors": %d, ' ..
      '"write_errors": %d, "timeouts": %d}\n',
      summary.requests, summary.duration, summary.bytes,
      latency:percentile(50), latency:percentile(95), latency:percentile(99),
      latency.max, latency.mean,
      non2xx_total, e.status, e.connect, e.read, e.write, e.timeout
   ))
end
