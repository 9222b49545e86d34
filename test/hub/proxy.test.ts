// Downloads through an HTTP proxy (absolute-URI requests for http://, CONNECT tunnels for
// https://), NO_PROXY, proxy credentials, and a CA bundle from REQUESTS_CA_BUNDLE.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as net from "node:net";
import * as path from "node:path";
import { after, before, beforeEach, test } from "node:test";
import { hf_hub_download, LocalEntryNotFoundError } from "../../src/hub";
import { hfReference, repoRoot, scratchDir } from "../helpers/paths";
import { commitId, FakeHub, filesOf } from "./fake_hub";

const fixtures = path.join(repoRoot, "test", "hub", "fixtures");
const key = fs.readFileSync(path.join(fixtures, "localhost-key.pem"), "utf8");
const cert = path.join(fixtures, "localhost-cert.pem");
const files = filesOf(path.join(hfReference, "models", "gpt2-lmhead"), ["config.json", "model.safetensors"]);

/** A forwarding proxy that records what it was asked for and may demand credentials. */
class TestProxy {
  readonly seen: string[] = [];
  requireAuth: string | null = null;
  private server = http.createServer();
  url = "";

  async start(): Promise<this> {
    this.server.on("request", (req, res) => {
      this.seen.push(`${req.method} ${req.url}`);
      if (this.requireAuth && req.headers["proxy-authorization"] !== this.requireAuth) {
        res.writeHead(407, { "Proxy-Authenticate": "Basic" });
        return void res.end();
      }
      const target = new URL(req.url!);
      const upstream = http.request(target, { method: req.method, headers: req.headers, agent: false }, (up) => {
        res.writeHead(up.statusCode!, up.headers);
        up.pipe(res);
      });
      upstream.on("error", () => res.destroy());
      req.pipe(upstream);
    });
    this.server.on("connect", (req, client: net.Socket, head) => {
      this.seen.push(`CONNECT ${req.url}`);
      if (this.requireAuth && req.headers["proxy-authorization"] !== this.requireAuth) {
        client.end("HTTP/1.1 407 Proxy Authentication Required\r\n\r\n");
        return;
      }
      const [host, port] = req.url!.split(":");
      const upstream = net.connect(Number(port), host, () => {
        client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on("error", () => client.destroy());
      client.on("error", () => upstream.destroy());
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.server.unref();
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const ENV_KEYS = ["HF_HOME", "HF_ENDPOINT", "HF_HUB_OFFLINE", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy", "ALL_PROXY", "all_proxy", "REQUESTS_CA_BUNDLE", "SSL_CERT_FILE"];
let plainHub: FakeHub;
let tlsHub: FakeHub;
let proxy: TestProxy;

before(async () => {
  plainHub = await new FakeHub().start();
  tlsHub = await new FakeHub().start({ key, cert: fs.readFileSync(cert, "utf8") });
  for (const hub of [plainHub, tlsHub]) hub.addRepo("org/gpt", { refs: { main: commitId("p") }, commits: { [commitId("p")]: files } });
  proxy = await new TestProxy().start();
});
after(async () => {
  for (const k of ENV_KEYS) delete process.env[k];
  await Promise.all([plainHub.stop(), tlsHub.stop(), proxy.stop()]);
});
beforeEach(() => {
  for (const k of ENV_KEYS) delete process.env[k];
  process.env.HF_HUB_DISABLE_PROGRESS_BARS = "1";
  proxy.seen.length = 0;
  proxy.requireAuth = null;
});

test("http:// through HTTP_PROXY, and NO_PROXY goes direct", async () => {
  process.env.HF_HOME = scratchDir("hub-proxy/plain");
  process.env.HF_ENDPOINT = plainHub.endpoint;
  process.env.HTTP_PROXY = proxy.url;
  const file = await hf_hub_download("org/gpt", "model.safetensors");
  assert.deepEqual(fs.readFileSync(file), files["model.safetensors"]);
  assert.ok(proxy.seen.some((s) => s.startsWith(`HEAD ${plainHub.endpoint}/org/gpt/resolve/main/model.safetensors`)), proxy.seen.join("\n"));
  assert.ok(proxy.seen.some((s) => s.startsWith(`GET ${plainHub.endpoint}/cdn/`)));

  proxy.seen.length = 0;
  process.env.HF_HOME = scratchDir("hub-proxy/no-proxy");
  process.env.no_proxy = "example.org, 127.0.0.1";
  await hf_hub_download("org/gpt", "config.json");
  assert.deepEqual(proxy.seen, []);
});

test("https:// through a CONNECT tunnel, trusting REQUESTS_CA_BUNDLE; proxy credentials", async () => {
  process.env.HF_HOME = scratchDir("hub-proxy/tls");
  process.env.HF_ENDPOINT = tlsHub.endpoint;
  process.env.HTTPS_PROXY = proxy.url;
  // Without the test CA the certificate is not trusted: the Hub counts as unreachable.
  await assert.rejects(hf_hub_download("org/gpt", "config.json"), LocalEntryNotFoundError);
  process.env.REQUESTS_CA_BUNDLE = cert;
  const file = await hf_hub_download("org/gpt", "model.safetensors");
  assert.deepEqual(fs.readFileSync(file), files["model.safetensors"]);
  const port = new URL(tlsHub.endpoint).port;
  assert.ok(proxy.seen.length >= 2 && proxy.seen.every((s) => s === `CONNECT 127.0.0.1:${port}`), proxy.seen.join("\n"));

  proxy.requireAuth = `Basic ${Buffer.from("student:s3cret").toString("base64")}`;
  await assert.rejects(hf_hub_download("org/gpt", "config.json"), /proxy .* refused .* 407/);
  process.env.HTTPS_PROXY = proxy.url.replace("http://", "http://student:s3cret@");
  const config = await hf_hub_download("org/gpt", "config.json");
  assert.deepEqual(fs.readFileSync(config), files["config.json"]);
});
