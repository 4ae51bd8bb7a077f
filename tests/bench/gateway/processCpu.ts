import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Clock ticks per second of `/proc/<pid>/stat` times (USER_HZ, 100 on every mainstream Linux build). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system, in ms) a process has used so far, from `/proc/<pid>/stat`; undefined where there is no
 * procfs (macOS, Windows) or the process is gone.
 */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  return parseCpuMs(stat);
}

/** utime + stime of a `/proc/<pid>/stat` line in ms. The command name may hold spaces, so fields count from its `)`. */
export function parseCpuMs(stat: string): number | undefined {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name: state is field 3 of the line, utime 14 and stime 15, so indexes 11 and 12 here.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return undefined;
  return ((utime + stime) * 1000) / TICKS_PER_SECOND;
}

/** Resident set size of a process in MiB, from `VmRSS` of `/proc/<pid>/status`; undefined without procfs. */
export function processRssMiB(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    return parseRssMiB(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The `VmRSS:   123456 kB` line of a `/proc/<pid>/status` text, in MiB. */
export function parseRssMiB(status: string): number | undefined {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  return match ? Number(match[1]) / 1024 : undefined;
}

/**
 * Waits until every process is idle (under 5 % of a core over 300 ms), so work left from one load run (requests
 * the gateway still finishes after the client hung up, subgraph queues) does not spill into the next run.
 * Gives up after `timeoutMs`; without procfs it waits a flat 2 s.
 */
export async function waitUntilIdle(pids: (number | undefined)[], timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let before = pids.map(processCpuMs);
  if (before.some((ms) => ms === undefined)) {
    await sleep(2000);
    return;
  }
  while (Date.now() < deadline) {
    await sleep(300);
    const after = pids.map(processCpuMs);
    const busy = after.some((ms, i) => ms === undefined || ms - (before[i] ?? 0) > 15);
    if (!busy) return;
    before = after;
  }
}
