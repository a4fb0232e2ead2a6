// The app process's CPU time and memory as the kernel sees it. Memory: VmRSS sampled every few milliseconds, and
// VmHWM (the kernel's own peak, which no sampling interval can miss). Writing "5" to
// /proc/<pid>/clear_refs resets VmHWM to the current RSS, so each phase gets its own peak.
import { readFileSync, writeFileSync } from "node:fs";

export interface MemoryReading {
  rss: number;
  hwm: number;
}

export function readMemory(pid: number): MemoryReading {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb("VmRSS"), hwm: kb("VmHWM") };
}

/** Resets the kernel's peak; false where /proc/<pid>/clear_refs is not writable. */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

export interface PhaseMemory {
  /** RSS when the phase began. */
  start: number;
  /** The highest of the sampled RSS and the kernel's VmHWM over the phase. */
  peak: number;
  end: number;
  /** Whether VmHWM covered exactly this phase (clear_refs worked). */
  kernelPeak: boolean;
}

/** Samples a process's RSS until stopped; `stop()` returns the phase's start, peak and end. */
export function watchMemory(pid: number, intervalMs = 20): { stop(): PhaseMemory } {
  const kernelPeak = resetPeak(pid);
  const start = readMemory(pid).rss;
  let peak = start;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, readMemory(pid).rss);
    } catch {
      // The process exited; the caller will notice.
    }
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      const now = readMemory(pid);
      if (kernelPeak) peak = Math.max(peak, now.hwm);
      return { start, peak: Math.max(peak, now.rss), end: now.rss, kernelPeak };
    },
  };
}

/** User + system CPU time the process has used so far, in ms (from /proc/<pid>/stat). */
export function readCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the parenthesised command name; utime and stime are the 12th and 13th of them.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** USER_HZ: 100 on every Linux platform Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;
