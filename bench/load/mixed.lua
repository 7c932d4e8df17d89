-- Mixed load for wrk: 80 % reads (lists and records of projects and organisations), 20 % writes
-- (a new organisation, with the admin key from BENCH_KEY). Counts answers per status, and appends
-- the key of every acknowledged write (201) to $BENCH_ACKED/acked-<thread>.txt, so that run.sh
-- can check each one is in the database afterwards. BENCH_PUBLIC_READS=1 (bench/replicas) turns the
-- organisation reads (40 %) into the lag-tolerant public reads a read replica serves: the risk
-- ranking and projects' assessments.
local counter = 0
local threads = {}
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("id", thread_id)
  table.insert(threads, thread)
end

function init(args)
  key = os.getenv("BENCH_KEY")
  acked = io.open(os.getenv("BENCH_ACKED") .. "/acked-" .. id .. ".txt", "a")
  statuses = {}
  slugs = { "llama", "gemma", "mistral-7b", "stable-diffusion", "falcon" }
  orgs = { "meta", "mistral", "google", "microsoft", "huggingface" }
  public_reads = os.getenv("BENCH_PUBLIC_READS") == "1"
end

function request()
  counter = counter + 1
  local pick = counter % 10
  if pick < 2 then
    local org = string.format("bench-%d-%d-%d", id, os.time(), counter)
    local body = '{"key":"' .. org .. '","name":"Bench ' .. org .. '","type":"company","domains":[],'
      .. '"source":{"url":"https://example.org/bench","quote":"A bench fact.","confidence":"verified"}}'
    return wrk.format("POST", "/api/v1/organisations",
      { ["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json" }, body)
  elseif pick < 4 then
    return wrk.format("GET", "/api/v1/projects?size=20&sort=name")
  elseif pick < 6 then
    return wrk.format("GET", "/api/v1/projects/" .. slugs[(counter % #slugs) + 1])
  elseif pick < 8 and public_reads then
    return wrk.format("GET", "/api/v1/risk?size=20")
  elseif public_reads then
    return wrk.format("GET", "/api/v1/projects/" .. slugs[(counter % #slugs) + 1] .. "/assessment")
  elseif pick < 8 then
    return wrk.format("GET", "/api/v1/organisations?size=20")
  else
    return wrk.format("GET", "/api/v1/organisations/" .. orgs[(counter % #orgs) + 1])
  end
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 201 then
    local created = string.match(body, '"key"%s*:%s*"(bench%-[^"]+)"')
    if created then
      acked:write(created, "\n")
      acked:flush()
    end
  end
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for code, n in pairs(s) do
      totals[code] = (totals[code] or 0) + n
    end
  end
  local codes = {}
  for code, _ in pairs(totals) do table.insert(codes, code) end
  table.sort(codes)
  local parts = {}
  local server_errors = 0
  for _, code in ipairs(codes) do
    table.insert(parts, code .. "=" .. totals[code])
    if code >= 500 and code ~= 503 then server_errors = server_errors + totals[code] end
  end
  io.write(string.format("requests %d in %.1f s (%.0f/s); statuses %s\n", summary.requests,
    summary.duration / 1e6, summary.requests / (summary.duration / 1e6), table.concat(parts, " ")))
  io.write(string.format("latency ms: p50 %.2f p90 %.2f p99 %.2f max %.2f\n", latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("socket errors: connect %d read %d write %d timeout %d\n", summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout))
  io.write(string.format("5xx other than 503: %d; 503: %d\n", server_errors, totals[503] or 0))
end
