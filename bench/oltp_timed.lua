-- sysbench's oltp_read_only, with each transaction's start (Unix time) and latency (ms) written
-- to $SB_LATENCY_DIR/lat-<thread>.txt, so that bench/source-impact.sh can take exact
-- percentiles over the seconds a dump ran (sysbench's own report covers its whole run only).
dofile("/usr/share/sysbench/oltp_read_only.lua")

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } dumper_timespec;
int clock_gettime(int clock, dumper_timespec *now);
]]
local clock = ffi.new("dumper_timespec")
local function now()
  ffi.C.clock_gettime(0, clock) -- CLOCK_REALTIME, as the script's `date +%s.%N`
  return tonumber(clock.tv_sec) + tonumber(clock.tv_nsec) * 1e-9
end

local oltp_thread_init, oltp_event, oltp_thread_done = thread_init, event, thread_done
local out

function thread_init()
  oltp_thread_init()
  out = assert(io.open(os.getenv("SB_LATENCY_DIR") .. "/lat-" .. sysbench.tid .. ".txt", "w"))
  out:setvbuf("line") -- sysbench is stopped with a signal: every line must be out by then
end

function event()
  local started = now()
  oltp_event()
  out:write(string.format("%.4f %.3f\n", started, (now() - started) * 1000))
end

function thread_done()
  out:close()
  oltp_thread_done()
end
