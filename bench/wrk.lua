-- One scenario of `make bench`, driven by wrk (bench/generator.py writes the config and
-- reads what done() prints).
--
-- The config (first script argument) is a Lua file returning a table:
--   requests  list of {method, path, body}: sent in turn, cycled (or each once, see once)
--   headers   the headers of every request
--   once      send each request at most once (POSTs: every form is used once); when the
--             list runs out the thread stops, and done() says so
--   harvest   names of hidden form fields to keep from every 200 answer, for a POST
--             scenario that sends those forms later

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  config = dofile(args[1])
  reqs = {}
  for i, r in ipairs(config.requests) do
    reqs[i] = wrk.format(r[1], r[2], config.headers, r[3])
  end
  spare = wrk.format("GET", "/bench-floor/", config.headers)
  index = 0
  sent = 0
  exhausted = 0
  statuses = {}
  harvested = {}
end

function request()
  index = index + 1
  if index > #reqs then
    if config.once then
      -- The thread stops; wrk still writes the request returned here, so it is a harmless one.
      exhausted = 1
      wrk.thread:stop()
      return spare
    end
    index = 1
  end
  sent = sent + 1
  return reqs[index]
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if config.harvest and status == 200 then
    local row = {}
    for k, name in ipairs(config.harvest) do
      local value = string.match(body, 'name="' .. name .. '" value="([^"]*)"')
      if not value then
        return
      end
      row[k] = value
    end
    -- A flat list of strings: wrk's thread:get() cannot copy nested tables.
    harvested[#harvested + 1] = table.concat(row, "\t")
  end
end

local function quote(s)
  return '"' .. string.gsub(s, '[%c"\\]', function(c)
    return string.format("\\u%04x", string.byte(c))
  end) .. '"'
end

function done(summary, latency, requests)
  local counts, rows, total_sent, ran_out = {}, {}, 0, false
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("statuses")) do
      counts[status] = (counts[status] or 0) + n
    end
    for _, row in ipairs(t:get("harvested")) do
      rows[#rows + 1] = quote(row)
    end
    total_sent = total_sent + t:get("sent")
    ran_out = ran_out or t:get("exhausted") == 1
  end
  local status_items = {}
  for status, n in pairs(counts) do
    status_items[#status_items + 1] = string.format('"%d":%d', status, n)
  end
  local percentiles = {}
  for _, p in ipairs({ 50, 90, 95, 99 }) do
    percentiles[#percentiles + 1] = string.format('"%d":%d', p, latency:percentile(p))
  end
  local e = summary.errors
  io.write(
    "BENCH-RESULT ",
    string.format(
      '{"duration_us":%d,"requests":%d,"sent":%d,"exhausted":%s,"bytes":%d,'
        .. '"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},'
        .. '"latency_us":{"min":%d,"mean":%.1f,"max":%d,"percentiles":{%s}},'
        .. '"statuses":{%s},"harvested":[%s]}',
      summary.duration,
      summary.requests,
      total_sent,
      tostring(ran_out),
      summary.bytes,
      e.connect,
      e.read,
      e.write,
      e.timeout,
      latency.min,
      latency.mean,
      latency.max,
      table.concat(percentiles, ","),
      table.concat(status_items, ","),
      table.concat(rows, ",")
    ),
    "\n"
  )
end
