import { spawnSync } from "node:child_process";

/**
 * Suites that need a system component (Jupyter from Debian, Chromium) call this first.
 * On CI (CI=true) a missing component fails the run; on a developer's machine the suite is
 * skipped with a visible notice saying what to install.
 */
export function systemComponent(name: string, probe: string[], install: string): { available: boolean; skip: string | false } {
  const r = spawnSync(probe[0], probe.slice(1), { encoding: "utf8" });
  const available = r.status === 0;
  if (available) return { available, skip: false };
  const message = `${name} is not installed (${install})`;
  if (process.env.CI === "true") throw new Error(`CI requires ${message}`);
  process.stderr.write(`\n*** SKIPPING: ${message}\n`);
  return { available, skip: message };
}

export const PYTHON = "/usr/bin/python3";
