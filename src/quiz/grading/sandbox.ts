/**
 * The isolation boundary around a graded kernel (see docs/quiz-format.md, "Threat model").
 *
 * Each submission's kernel runs under bubblewrap (`bwrap`, Debian's `bubblewrap` package, the
 * sandbox Flatpak is built on) in new user, PID, network, IPC, UTS and cgroup namespaces:
 * - it sees a read-only system (/usr, /lib…), read-only the parts of this package a kernel needs
 *   (dist/, node_modules/, models/), a private /tmp and home, and a copy of its own submission's
 *   folder; not the source notebook, not other submissions, not the grader's output;
 * - no network at all (only its own loopback), so it talks to the grader over Unix sockets in a
 *   folder bound for that purpose (Jupyter's `ipc` transport);
 * - when the grader is root, it runs as its own unprivileged user id without capabilities (one
 *   per submission, so submissions cannot signal each other and process limits are per
 *   submission); otherwise in a user namespace of the grader's own user;
 * - rlimits cap CPU time, data memory, file size and processes; and killing the sandbox (or the
 *   grader dying) kills its whole PID namespace, so nothing it started outlives grading.
 *
 * bubblewrap was chosen over unshare/setpriv scripts because it sets up the mount namespace,
 * /proc, /dev and the parent-death kill in one audited, unprivileged tool; user namespaces let
 * it run without root. Where neither is available, grading refuses unless told to run unsafely.
 */
import { spawnSync } from "node:child_process";
import { randomInt } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** The sandbox cannot be set up here; the message says what is missing and how to get it. */
export class SandboxUnavailableError extends Error {
  override name = "SandboxUnavailableError";
}

export interface SandboxLimits {
  /** Data memory (RLIMIT_DATA) of each process in the sandbox, in MiB. */
  memoryMb: number;
  /** CPU seconds (RLIMIT_CPU) of each process, for the whole notebook. */
  cpuSeconds: number;
  /** Processes and threads of the submission's user (RLIMIT_NPROC; only with a user of its own). */
  processes: number;
  /** Largest file the submission may write, in MiB (RLIMIT_FSIZE). */
  fileSizeMb: number;
  /** Size of the private /tmp and of the home folder, in MiB each. */
  tmpMb: number;
}

export const DEFAULT_LIMITS: SandboxLimits = { memoryMb: 6144, cpuSeconds: 1800, processes: 512, fileSizeMb: 256, tmpMb: 512 };

/** Where things are inside the sandbox. */
export const SANDBOX_HOME = "/home/student";
export const SANDBOX_WORK = "/home/student/work";
export const SANDBOX_RUN = "/run/tlab";

export interface SandboxTools {
  bwrap: string;
  prlimit: string;
  /** Present when the grader is root: each sandbox then gets a user id of its own. */
  setpriv?: string;
}

function which(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? "/usr/bin:/bin").split(path.delimiter)) {
    const file = path.join(dir, command);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/**
 * Finds the sandbox's tools and checks that bubblewrap can create its namespaces here.
 * Throws SandboxUnavailableError naming what is missing.
 */
export function detectSandbox(): SandboxTools {
  if (process.platform !== "linux") {
    throw new SandboxUnavailableError(`Grading in a sandbox needs Linux (this is ${process.platform}). Grade on a Linux machine, or pass --unsafe-no-sandbox if every submission is trusted.`);
  }
  const missing: string[] = [];
  const bwrap = which("bwrap");
  const prlimit = which("prlimit");
  const setpriv = isRoot() ? which("setpriv") : undefined;
  if (!bwrap) missing.push("bubblewrap (`bwrap`): sudo apt-get install bubblewrap");
  if (!prlimit) missing.push("prlimit (util-linux): sudo apt-get install util-linux");
  if (isRoot() && !setpriv) missing.push("setpriv (util-linux), to drop root: sudo apt-get install util-linux");
  if (missing.length > 0) {
    throw new SandboxUnavailableError(`The grading sandbox cannot start; missing:\n  - ${missing.join("\n  - ")}\nInstall them, or pass --unsafe-no-sandbox if every submission is trusted.`);
  }
  const tools = { bwrap: bwrap!, prlimit: prlimit!, setpriv };
  const probe = spawnSync(bwrap!, [...namespaceArgs(tools), ...systemBinds(), "--die-with-parent", "--", ...userSwitch(tools, nextSandboxUid()), "/bin/true"], { encoding: "utf8", timeout: 10_000 });
  if (probe.status !== 0) {
    const reason = (probe.stderr || probe.error?.message || `exit ${probe.status}`).trim();
    const userns = fs.existsSync("/proc/sys/user/max_user_namespaces") ? fs.readFileSync("/proc/sys/user/max_user_namespaces", "utf8").trim() : "unknown";
    throw new SandboxUnavailableError(
      `bubblewrap could not create its namespaces here (${reason}). It needs unprivileged user namespaces ` +
      `(/proc/sys/user/max_user_namespaces is ${userns}; on Debian/Ubuntu also kernel.unprivileged_userns_clone=1 ` +
      `and no AppArmor restriction on bwrap). In a container, allow user namespaces (e.g. Docker's --security-opt seccomp=unconfined), ` +
      `or pass --unsafe-no-sandbox if every submission is trusted.`,
    );
  }
  return tools;
}

/**
 * The namespaces of a sandbox. As root, bubblewrap makes them directly (no user namespace, so it
 * can bind folders only root can read) and the kernel then drops to its own user id (userSwitch);
 * otherwise a user namespace gives an unprivileged grader the same isolation.
 */
function namespaceArgs(tools: SandboxTools): string[] {
  return tools.setpriv
    ? ["--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"]
    : ["--unshare-all"];
}

/** As root: the command run inside the sandbox as the submission's own user, with no capabilities. */
function userSwitch(tools: SandboxTools, uid: number | undefined): string[] {
  if (!tools.setpriv || uid === undefined) return [];
  return [tools.setpriv, `--reuid=${uid}`, `--regid=${uid}`, "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"];
}

/** A fresh unprivileged user id for one sandbox (a range no real account uses). */
function nextSandboxUid(): number {
  return 1_700_000_000 + randomInt(0, 200_000_000);
}

function systemBinds(): string[] {
  const args: string[] = ["--ro-bind", "/usr", "/usr"];
  for (const dir of ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"]) {
    // On merged-/usr systems these are symlinks into /usr.
    let stat: fs.Stats | undefined;
    try { stat = fs.lstatSync(dir); } catch { continue; }
    if (stat.isSymbolicLink()) args.push("--symlink", fs.readlinkSync(dir), dir);
    else args.push("--ro-bind", dir, dir);
  }
  for (const file of ["/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/localtime"]) {
    if (fs.existsSync(file)) args.push("--ro-bind", file, file);
  }
  return args;
}

export interface SandboxSpec {
  tools: SandboxTools;
  limits: SandboxLimits;
  /** Host folders the kernel reads (the package's dist/, node_modules/, models/ …). */
  readOnly: string[];
  /** Host folders the kernel reads at another path: [host, inside]. */
  readOnlyAt?: [string, string][];
  /** Host files that must stay invisible even if they lie inside a read-only folder. */
  hidden: string[];
  /** The submission's working copy on the host, seen as SANDBOX_WORK. */
  workDir: string;
  /** The folder holding the connection file and the kernel's Unix sockets, seen as SANDBOX_RUN. */
  runDir: string;
  /** The kernel command, with paths as the sandbox sees them. */
  command: string[];
  env: Record<string, string>;
  /** The user id the sandbox runs as (when the grader is root). */
  uid?: number;
}

/**
 * `--dir` for every folder above the places a sandbox mounts things, readable by everyone:
 * bubblewrap run as root would otherwise create them readable by root alone.
 */
function parentFolders(destinations: string[]): string[] {
  const dirs = new Set<string>();
  for (const d of destinations) {
    for (let p = path.posix.dirname(d); p !== "/" && p !== "."; p = path.posix.dirname(p)) dirs.add(p);
  }
  return [...dirs].sort((a, b) => a.split("/").length - b.split("/").length).flatMap((d) => ["--perms", "0755", "--dir", d]);
}

/** The argv that runs `spec.command` inside the sandbox. */
export function sandboxArgv(spec: SandboxSpec): string[] {
  const { tools, limits } = spec;
  const mib = 1024 * 1024;
  const ownUser = tools.setpriv !== undefined;
  const argv: string[] = [
    tools.prlimit, `--cpu=${limits.cpuSeconds}`, `--data=${limits.memoryMb * mib}`, `--fsize=${limits.fileSizeMb * mib}`, "--core=0",
    ...(ownUser ? [`--nproc=${limits.processes}`] : []), "--",
  ];
  const system = systemBinds();
  const readOnlyAt = [...spec.readOnly.map((d) => [d, d] as [string, string]), ...(spec.readOnlyAt ?? [])];
  const destinations = [
    ...system.filter((_, i) => system[i - 2] === "--ro-bind" || system[i - 2] === "--symlink"),
    "/tmp", SANDBOX_HOME, SANDBOX_WORK, SANDBOX_RUN, ...readOnlyAt.map(([, to]) => to), ...spec.hidden,
  ];
  argv.push(tools.bwrap, ...namespaceArgs(tools), "--die-with-parent", "--new-session", ...parentFolders(destinations), ...system);
  argv.push("--proc", "/proc", "--dev", "/dev");
  // Writable by the submission's user (the sandbox's own folders are root's).
  argv.push("--perms", "1777", "--size", String(limits.tmpMb * mib), "--tmpfs", "/tmp");
  argv.push("--perms", "0777", "--size", String(limits.tmpMb * mib), "--tmpfs", SANDBOX_HOME);
  for (const [from, to] of readOnlyAt) argv.push("--ro-bind", from, to);
  for (const file of spec.hidden) {
    // An empty folder or file mounted over anything the kernel must not read.
    if (fs.statSync(file).isDirectory()) argv.push("--tmpfs", file);
    else argv.push("--ro-bind", "/dev/null", file);
  }
  argv.push("--bind", spec.workDir, SANDBOX_WORK, "--bind", spec.runDir, SANDBOX_RUN, "--chdir", SANDBOX_WORK, "--clearenv");
  for (const [k, v] of Object.entries(spec.env)) argv.push("--setenv", k, v);
  argv.push("--", ...userSwitch(tools, spec.uid), ...spec.command);
  return argv;
}

/** The environment inside the sandbox: nothing of the grader's, offline, private temp and home. */
export function sandboxEnv(): Record<string, string> {
  return {
    PATH: "/usr/local/bin:/usr/bin:/bin",
    HOME: SANDBOX_HOME,
    TMPDIR: "/tmp",
    LANG: "C.UTF-8",
    HF_HUB_OFFLINE: "1",
    HF_HOME: path.posix.join(SANDBOX_HOME, ".cache", "huggingface"),
    TLAB_GRADING: "1",
  };
}

/**
 * The submission's working copy: a copy of the files in its own folder (owned by the sandbox's
 * user), in a fresh folder of the grader's temp folder that also holds the kernels' socket folders.
 */
export function prepareSandboxFolders(submissionFile: string, uid: number | undefined, maxCopyBytes = 64 * 1024 * 1024): { root: string; workDir: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "tlab-sbx-"));
  const workDir = path.join(root, "work");
  fs.mkdirSync(workDir);
  // The submission's folder: its notebook and any data files the student handed in beside it.
  let copied = 0;
  const source = path.dirname(path.resolve(submissionFile));
  for (const entry of fs.readdirSync(source, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const from = path.join(source, entry.name);
    const size = fs.statSync(from).size;
    if (copied + size > maxCopyBytes) continue;
    copied += size;
    fs.copyFileSync(from, path.join(workDir, entry.name));
  }
  if (uid !== undefined) {
    for (const p of [workDir, ...fs.readdirSync(workDir).map((n) => path.join(workDir, n))]) fs.chownSync(p, uid, uid);
  }
  fs.chmodSync(root, 0o755);
  return { root, workDir };
}

export function newSandboxUid(tools: SandboxTools): number | undefined {
  return tools.setpriv ? nextSandboxUid() : undefined;
}
