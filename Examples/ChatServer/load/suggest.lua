-- wrk script for load.sh: POST /suggest with the requests of requests.py, each conversation id
-- in the body, the X-Kefu-Conversation header or the query, as the file says; every answer is
-- checked, and done() prints one machine-readable line of figures.
--
--   KEFU_REQUESTS=requests.tsv KEFU_PROBE_INTENTS='"intents":[…]' wrk -s suggest.lua …
--
-- Conversation ids get a suffix per thread and per pass over the file, so every pass starts new
-- conversations and the server's store fills up and evicts as it would in production.

local requests = {}
local next_index = 1
local pass = 1
local thread_id = 0
-- Per thread: answers checked, answers that failed a check, probes seen, probes that differed.
checked, bad, probes, bad_probes, first_bad = 0, 0, 0, 0, nil

local threads = {}
local counter = 0

function setup(thread)
    counter = counter + 1
    thread:set("thread_id", counter)
    table.insert(threads, thread)
end

function init(args)
    local path = os.getenv("KEFU_REQUESTS")
    local file = assert(io.open(path, "r"), "cannot open KEFU_REQUESTS '" .. tostring(path) .. "'")
    for line in file:lines() do
        local mode, conversation, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
        if mode then table.insert(requests, { mode, conversation, body }) end
    end
    file:close()
    assert(#requests > 0, "no requests in '" .. path .. "'")
    probe_intents = assert(os.getenv("KEFU_PROBE_INTENTS"), "KEFU_PROBE_INTENTS is not set")
end

local json_headers = { ["Content-Type"] = "application/json" }

function request()
    local entry = requests[next_index]
    next_index = next_index + 1
    if next_index > #requests then
        next_index = 1
        pass = pass + 1
    end
    local mode, conversation, body = entry[1], entry[2], entry[3]
    if mode == "none" then
        return wrk.format("POST", "/suggest", json_headers, body)
    end
    conversation = conversation .. "-" .. thread_id .. "-" .. pass
    if mode == "body" then
        return wrk.format("POST", "/suggest", json_headers, '{"conversation":"' .. conversation .. '",' .. body:sub(2))
    elseif mode == "header" then
        return wrk.format("POST", "/suggest",
            { ["Content-Type"] = "application/json", ["X-Kefu-Conversation"] = conversation }, body)
    else
        return wrk.format("POST", "/suggest?conversation=" .. conversation, json_headers, body)
    end
end

local fields = { '"intents":[', '"products":[', '"replies":[', '"slots":{', '"text":"' }

local function flag(reason, body)
    bad = bad + 1
    if first_bad == nil then first_bad = reason .. ": " .. (body or ""):sub(1, 300) end
end

function response(status, headers, body)
    checked = checked + 1
    if status ~= 200 then return flag("HTTP " .. status, body) end
    if body:sub(1, 1) ~= "{" or body:sub(-2) ~= "}\n" then return flag("not one JSON object", body) end
    for _, field in ipairs(fields) do
        if not body:find(field, 1, true) then return flag("no " .. field, body) end
    end
    if body:find('"id":"probe"', 1, true) then
        probes = probes + 1
        if not body:find(probe_intents, 1, true) then
            bad_probes = bad_probes + 1
            flag("probe answered other intents", body)
        end
    end
end

function done(summary, latency, requests_done)
    local c, b, p, bp, example = 0, 0, 0, 0, nil
    for _, thread in ipairs(threads) do
        c = c + (thread:get("checked") or 0)
        b = b + (thread:get("bad") or 0)
        p = p + (thread:get("probes") or 0)
        bp = bp + (thread:get("bad_probes") or 0)
        example = example or thread:get("first_bad")
    end
    local e = summary.errors
    io.write(string.format(
        "KEFU-WRK requests=%d duration_s=%.3f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f " ..
        "mean_ms=%.3f connect=%d read=%d write=%d timeout=%d status=%d checked=%d bad=%d probes=%d bad_probes=%d\n",
        summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
        latency.max / 1000, latency.mean / 1000, e.connect, e.read, e.write, e.timeout, e.status, c, b, p, bp))
    if example then io.write("KEFU-WRK-FIRST-BAD " .. example:gsub("\n", " ") .. "\n") end
end
