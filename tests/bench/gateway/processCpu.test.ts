import { describe, expect, it } from 'vitest';
import { parseCpuMs, parseRssMiB, processCpuMs, processRssMiB } from './processCpu';

describe('processCpu', () => {
  it('reads utime + stime in ms, counting fields after the command name even when it holds spaces and parens', () => {
    const stat = '4242 (node (x) y) S 1 4242 4242 0 -1 4194304 1000 0 0 0 250 50 0 0 20 0 11 0 12345 1000 100';
    expect(parseCpuMs(stat)).toBe(3000);
  });

  it('answers undefined for a line it cannot read and for a missing process', () => {
    expect(parseCpuMs('garbage')).toBeUndefined();
    expect(processCpuMs(undefined)).toBeUndefined();
    expect(processCpuMs(2 ** 22 + 12345)).toBeUndefined();
  });

  it('reads the resident set size in MiB', () => {
    expect(parseRssMiB('Name:\tnode\nVmHWM:\t  300000 kB\nVmRSS:\t  204800 kB\nThreads:\t11\n')).toBe(200);
    expect(parseRssMiB('Name:\tnode\n')).toBeUndefined();
    expect(processRssMiB(undefined)).toBeUndefined();
  });

  it.runIf(process.platform === 'linux')('grows while this process burns CPU', () => {
    const before = processCpuMs(process.pid) ?? Number.NaN;
    const until = performance.now() + 60;
    while (performance.now() < until) Math.sqrt(Math.random());
    expect(processCpuMs(process.pid)).toBeGreaterThan(before);
  });
});
