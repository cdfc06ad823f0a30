/** What the figures were measured on. */
import { readFileSync } from "node:fs";
import os from "node:os";
import { OPENSSL, runOutput } from "./spawn";

export interface MachineInfo {
  nproc: number;
  cpuModel: string;
  memTotalMiB: number;
  kernel: string;
  node: string;
  nodeOpenssl: string;
  openssl: string;
  loadAverageAtStart: number[];
}

function cpuModel(): string {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"));
    if (m) return m[1].trim();
  } catch {
    // not Linux
  }
  return os.cpus()[0]?.model ?? "unknown";
}

export function machineInfo(): MachineInfo {
  return {
    nproc: os.availableParallelism(),
    cpuModel: cpuModel(),
    memTotalMiB: Math.round(os.totalmem() / 2 ** 20),
    kernel: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    nodeOpenssl: process.versions.openssl,
    openssl: runOutput([OPENSSL, "version"]).trim(),
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
