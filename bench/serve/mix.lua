-- SPDX-License-Identifier: Apache-2.0
-- wrk script for the ilokg serve load test: each request is, in turn, one of the canned queries
-- of queries/ (POSTed as a form, answered as SPARQL JSON) or one of the resource pages below
-- (a thing's 303, descriptions in RDF, the VoID, HTML pages and the query page).
--
--   wrk -c32 -d60s -s bench/serve/mix.lua http://127.0.0.1:PORT -- QUERIES-DIR [PAGES...]
--
-- The arguments after "--": the directory of the .rq files, then extra paths to request as
-- text/html. Works as well against another SPARQL endpoint (the
-- queries only, PATH set to its endpoint): wrk ... -- QUERIES-DIR --endpoint /sparql/

local requests = {}
local n = 0

local function urlencode(s)
    return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function add(method, path, headers, body)
    n = n + 1
    requests[n] = wrk.format(method, path, headers, body)
end

function init(args)
    local dir = args[1] or "queries"
    local endpoint = "/sparql"
    local remote = false
    local i = 2
    local extra = {}
    while args[i] do
        if args[i] == "--endpoint" then
            endpoint = args[i + 1]
            remote = true
            i = i + 2
        else
            extra[#extra + 1] = args[i]
            i = i + 1
        end
    end
    local list = io.popen('ls "' .. dir .. '"/*.rq')
    for file in list:lines() do
        local f = io.open(file)
        local text = f:read("*a")
        f:close()
        -- Virtuoso does not know ilokg's predeclared prefixes: declare them when asked to.
        if remote then
            text = (os.getenv("ILOKG_PREFIXES") or "") .. "\n" .. text
        end
        add("POST", endpoint, {
            ["Content-Type"] = "application/x-www-form-urlencoded",
            ["Accept"] = "application/sparql-results+json",
        }, "query=" .. urlencode(text))
    end
    list:close()
    if not remote then
        local pages = {
            "/id/doc/hlm13-2017/commitment/23",
            "/doc/doc/hlm13-2017/commitment/23.ttl",
            "/doc/instrument/C189.ttl",
            "/doc/theme/forced-labour.jsonld",
            "/doc/doc/hlm16-2022/section/2.nt",
            "/.well-known/void",
        }
        for _, p in ipairs(pages) do
            add("GET", p, {["Accept"] = "text/turtle"})
        end
        local html = {
            "/",
            "/doc/doc/hlm13-2017/commitment/23.html",
            "/doc/instrument/C189.html",
        }
        for _, p in ipairs(html) do
            add("GET", p, {["Accept"] = "text/html"})
        end
    end
    for _, p in ipairs(extra) do
        add("GET", p, {["Accept"] = "text/html"})
    end
    -- Each thread starts at a different place of the list.
    counter = math.random(n)
end

function request()
    counter = counter % n + 1
    return requests[counter]
end

-- wrk prints latency percentiles of its own; these lines are what the bench script reads.
function done(summary, latency, requests_)
    local e = summary.errors
    io.write(string.format("ilokg-mix: requests=%d duration_us=%d p50_us=%d p99_us=%d " ..
                           "connect_errors=%d read_errors=%d write_errors=%d status_errors=%d " ..
                           "timeouts=%d\n",
                           summary.requests, summary.duration, latency:percentile(50),
                           latency:percentile(99), e.connect, e.read, e.write, e.status,
                           e.timeout))
end
