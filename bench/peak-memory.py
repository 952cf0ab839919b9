#!/usr/bin/env python3
"""Runs a command and prints `wall_s maxrss_MB private_MB user_s sys_s` (bench/images.sh).

maxrss is the kernel's peak resident set (what GNU time's %M reports): it counts the pages of shared libraries the
process touched. private is the peak of RssAnon (heap, stacks, anonymous mappings) sampled every 5 ms from
/proc/PID/status: the memory the work itself holds, without the libraries' code. A Go binary such as Hugo is
static, a Swift binary linked with libvips maps ~120 shared libraries, so the two figures tell different things.
"""
import os
import subprocess
import sys
import time

command, log = sys.argv[2:], sys.argv[1]
start = time.monotonic()
with open(log, 'wb') as out:
    process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
private = 0
status = f"/proc/{process.pid}/status"
while True:
    try:
        with open(status) as handle:
            for line in handle:
                if line.startswith('RssAnon:'):
                    private = max(private, int(line.split()[1]))
                    break
    except OSError:
        pass
    try:
        pid, code, usage = os.wait4(process.pid, os.WNOHANG)
    except ChildProcessError:
        break
    if pid:
        break
    time.sleep(0.005)
wall = time.monotonic() - start
if code != 0:
    sys.exit(f"{' '.join(command)} failed ({code}); see {log}")
print(f"{wall:.2f} {usage.ru_maxrss / 1024:.0f} {private / 1024:.0f} {usage.ru_utime:.2f} {usage.ru_stime:.2f}")
