-- wrk script for load.sh's warm-up: the bodies of requests.py, each in a new conversation (id in
-- the X-Kefu-Conversation header), so the server's conversation store fills to its capacity with
-- states like the run's and starts evicting before the measured run. load.sh stops it.

local bodies = {}
local n = 0

function init(args)
    local path = os.getenv("KEFU_REQUESTS")
    local file = assert(io.open(path, "r"), "cannot open KEFU_REQUESTS '" .. tostring(path) .. "'")
    for line in file:lines() do
        local body = line:match("^[^\t]*\t[^\t]*\t(.*)$")
        if body and not body:find('"probe"', 1, true) then table.insert(bodies, body) end
    end
    file:close()
    assert(#bodies > 0, "no requests in '" .. path .. "'")
end

function request()
    n = n + 1
    return wrk.format("POST", "/suggest",
        { ["Content-Type"] = "application/json", ["X-Kefu-Conversation"] = "warm-" .. n }, bodies[(n - 1) % #bodies + 1])
end
