// The classic Notebook that Debian ships, served on 127.0.0.1, and a headless Chromium to drive it.
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import type { Browser, Page } from "playwright-core";
import { PYTHON, systemComponent } from "../helpers/system";

export const notebookServer = systemComponent("the classic Jupyter Notebook", [PYTHON, "-c", "import notebook.notebookapp"], "apt-get install jupyter-notebook");
export const chromium = systemComponent("Chromium", ["/usr/bin/chromium", "--version"], "apt-get install chromium");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export interface ClassicNotebook {
  browser: Browser;
  /** http://127.0.0.1:<port> */
  url: string;
  /** Opens a notebook (path relative to the served folder) and waits for its transformers-lab kernel. */
  open(notebook: string): Promise<Page>;
  close(): Promise<void>;
}

/** Serves `dir` with the classic Notebook (no token) and starts Chromium; logs go to `logDir`. */
export async function startClassicNotebook(dir: string, env: NodeJS.ProcessEnv, logDir: string): Promise<ClassicNotebook> {
  const { chromium: playwright } = await import("playwright-core");
  const port = await freePort();
  let server: ChildProcess | null = null;
  const browser = await playwright.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    // launch() gives every run a fresh, empty profile of its own.
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const close = async () => {
    await browser.close();
    server?.kill("SIGTERM");
  };
  try {
    server = spawn(
      PYTHON,
      ["-m", "notebook", "--no-browser", "--allow-root", `--port=${port}`, "--ip=127.0.0.1", "--NotebookApp.token=", "--NotebookApp.password=", `--notebook-dir=${dir}`],
      { env, stdio: ["ignore", fs.openSync(path.join(logDir, "server.log"), "w"), fs.openSync(path.join(logDir, "server.err.log"), "w")] },
    );
    const url = `http://127.0.0.1:${port}`;
    await waitForHttp(`${url}/api`, 60_000);
    const open = async (notebook: string) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${url}/notebooks/${notebook.split(path.sep).map(encodeURIComponent).join("/")}`);
      await page.waitForFunction(() => {
        const w = globalThis as any;
        return w.Jupyter?.notebook?.kernel?.is_connected?.() && w.Jupyter.notebook.kernel_selector?.current_selection === "transformers-lab";
      }, undefined, { timeout: 120_000 });
      return page;
    };
    return { browser, url, open, close };
  } catch (e) {
    await close();
    throw e;
  }
}
