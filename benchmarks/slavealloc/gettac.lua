-- wrk script: every request fetches the tac of the next slave, round-robin over bench-s1..bench-s$SLAVES.
-- Each wrk thread starts at its own offset so that threads do not ask for the same slaves in step.
-- FIXED_PATH set: every request asks for that path instead (the floor: the same service's liveness check).
local slaves = tonumber(os.getenv("SLAVES") or "400")
local fixed = os.getenv("FIXED_PATH")
local threads = 0
local counter = 0

function setup(thread)
    thread:set("offset", threads * 97)
    threads = threads + 1
end

function request()
    if fixed and fixed ~= "" then
        return wrk.format("GET", fixed)
    end
    counter = counter + 1
    return wrk.format("GET", "/gettac/bench-s" .. (((counter + offset) % slaves) + 1))
end

function done(summary, latency, requests)
    io.write(string.format("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f\n",
        latency:percentile(50) / 1000, latency:percentile(90) / 1000,
        latency:percentile(99) / 1000, latency.max / 1000))
    io.write(string.format("requests %d, errors: connect %d read %d write %d timeout %d status %d\n",
        summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
        summary.errors.timeout, summary.errors.status))
end
