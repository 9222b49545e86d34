// Data sets from the Hub through its parquet conversion, as the datasets library loads them.
//
// The Hub converts every public data set to parquet on the `refs/convert/parquet` branch, one folder
// per config and split (`<config>/<split>/0000.parquet`, or `<config>/partial-<split>/…` when only
// the first 5 GB were converted). `/api/datasets/<id>/parquet` lists the shards of every config and
// split. The shards are downloaded with hf_hub_download into the Hub cache (datasets--<org>--<name>),
// so a cached split loads offline (HF_HUB_OFFLINE=1, or no network) by reading the snapshot folder.
import * as fs from "node:fs";
import * as path from "node:path";
import { RepoCache } from "../../hub/cache_layout";
import { hubCacheDir, hubEndpoint, isOffline, resolveToken } from "../../hub/constants";
import { EntryNotFoundError, LocalEntryNotFoundError } from "../../hub/errors";
import { hf_hub_download } from "../../hub/file_download";
import { hubRequest, NetworkError, raiseForStatus } from "../../hub/http";
import { validateRepoId } from "../../hub/validation";
import { Dataset } from "../dataset";
import { DatasetDict } from "../dataset_dict";
import { DatasetNotCachedError, DatasetNotFoundError } from "../errors";
import { readParquet } from "./parquet_file";

export const PARQUET_REVISION = "refs/convert/parquet";

export interface HubDatasetOptions {
  /** Only this split is downloaded (a slice such as "train[:100]" names its split). */
  splitName?: string;
  cache_dir?: string;
  token?: string;
  endpoint?: string;
}

/** config → split → shard paths inside the parquet branch. */
type ParquetListing = Record<string, Record<string, string[]>>;

/** A listed URL → the shard's path in the branch (`…/parquet/<config>/<split>/<n>.parquet` → `<config>/<split>/000n.parquet`). */
function shardPath(url: string, config: string, split: string): string {
  const resolved = /\/resolve\/refs%2Fconvert%2Fparquet\/(.+)$/.exec(url);
  if (resolved) return resolved[1].split("/").map(decodeURIComponent).join("/");
  const index = /\/(\d+)\.parquet$/.exec(url);
  if (!index) throw new DatasetNotFoundError(`The Hub listed a parquet shard as ${url}, which this SDK cannot map to a file.`);
  return `${config}/${split}/${index[1].padStart(4, "0")}.parquet`;
}

async function fetchListing(repoId: string, endpoint: string, token: string | undefined): Promise<ParquetListing> {
  const url = `${endpoint}/api/datasets/${repoId}/parquet`;
  const res = await hubRequest({ method: "GET", url, token, followRedirects: "all" });
  if (res.status >= 400) {
    res.body.resume();
    raiseForStatus(res, { repoId, hadToken: Boolean(token) });
  }
  let text = "";
  for await (const chunk of res.body) text += chunk;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new DatasetNotFoundError(`${url} did not answer with the Hub's JSON list of parquet files. Check HF_ENDPOINT (now ${endpoint}).`);
  }
  const listing: ParquetListing = {};
  for (const [config, splits] of Object.entries(raw as Record<string, Record<string, string[]>>)) {
    listing[config] = {};
    for (const [split, urls] of Object.entries(splits ?? {})) listing[config][split] = (urls ?? []).map((u) => shardPath(u, config, split));
  }
  return listing;
}

/** What a previous download left in the cache: the snapshot folder of the parquet branch. */
function cachedListing(cache: RepoCache): ParquetListing | null {
  const commit = cache.commitFor(PARQUET_REVISION);
  if (!commit) return null;
  const root = cache.snapshotFolder(commit);
  if (!fs.existsSync(root)) return null;
  const listing: ParquetListing = {};
  for (const config of fs.readdirSync(root)) {
    if (!fs.statSync(path.join(root, config)).isDirectory()) continue;
    listing[config] = {};
    for (const folder of fs.readdirSync(path.join(root, config))) {
      const shards = fs.readdirSync(path.join(root, config, folder)).filter((f) => f.endsWith(".parquet")).sort();
      if (shards.length) listing[config][folder.replace(/^partial-/, "")] = shards.map((f) => `${config}/${folder}/${f}`);
    }
  }
  return listing;
}

function offlineError(repoId: string, reason: string): DatasetNotCachedError {
  return new DatasetNotCachedError(
    `Cannot load data set '${repoId}': ${reason} Load it once while online (it is then kept in ${hubCacheDir()}), ` +
      `or load local files with load_dataset("csv" | "json" | "text", { data_files: ... }).`,
  );
}

async function listingFor(repoId: string, cache: RepoCache, endpoint: string, token: string | undefined): Promise<{ listing: ParquetListing; online: boolean }> {
  if (isOffline()) {
    const cached = cachedListing(cache);
    if (!cached) throw offlineError(repoId, "it is not in the local cache and HF_HUB_OFFLINE=1 is set.");
    return { listing: cached, online: false };
  }
  try {
    return { listing: await fetchListing(repoId, endpoint, token), online: true };
  } catch (err) {
    if (!(err instanceof NetworkError)) throw err;
    const cached = cachedListing(cache);
    if (!cached) throw offlineError(repoId, `the Hub at ${endpoint} cannot be reached (${err.message}) and it is not in the local cache.`);
    return { listing: cached, online: false };
  }
}

/** The config to load: the one asked for, "default", or the only one. */
function chooseConfig(repoId: string, listing: ParquetListing, config: string | undefined): string {
  const configs = Object.keys(listing);
  if (config !== undefined) {
    if (config in listing) return config;
    throw new DatasetNotFoundError(`Data set '${repoId}' has no config '${config}'. Its configs: ${configs.join(", ") || "(none)"}.`);
  }
  if ("default" in listing) return "default";
  if (configs.length === 1) return configs[0];
  if (!configs.length) throw new DatasetNotFoundError(`Data set '${repoId}' has no parquet files on the Hub (its conversion may not be ready yet).`);
  throw new DatasetNotFoundError(`Data set '${repoId}' has several configs; name one: load_dataset("${repoId}", "${configs[0]}"). Its configs: ${configs.join(", ")}.`);
}

/** A shard in its folder, or in the `partial-` folder that large conversions use. */
async function downloadShard(repoId: string, file: string, options: HubDatasetOptions, online: boolean): Promise<string> {
  const download = (name: string) =>
    hf_hub_download(repoId, name, { repo_type: "dataset", revision: PARQUET_REVISION, cache_dir: options.cache_dir, token: options.token, endpoint: options.endpoint });
  if (!online) {
    const cached = new RepoCache(options.cache_dir ?? hubCacheDir(), repoId, "dataset").lookup(PARQUET_REVISION, file);
    if (cached && cached !== "missing") return cached;
    throw offlineError(repoId, `its shard ${file} is not in the local cache and the Hub cannot be asked.`);
  }
  try {
    return await download(file);
  } catch (err) {
    const [config, split, name] = file.split("/");
    if (!(err instanceof EntryNotFoundError) || err instanceof LocalEntryNotFoundError || split.startsWith("partial-")) throw err;
    return download(`${config}/partial-${split}/${name}`);
  }
}

export async function loadHubDataset(repoId: string, config: string | undefined, options: HubDatasetOptions = {}): Promise<DatasetDict> {
  validateRepoId(repoId);
  const endpoint = options.endpoint ?? hubEndpoint();
  const token = resolveToken(options.token);
  const cache = new RepoCache(options.cache_dir ?? hubCacheDir(), repoId, "dataset");
  const { listing, online } = await listingFor(repoId, cache, endpoint, token);
  if (!online && config !== undefined && !(config in listing)) {
    throw offlineError(repoId, `its config '${config}' is not in the local cache and the Hub cannot be asked.`);
  }
  const chosen = chooseConfig(repoId, listing, config);
  const splits = listing[chosen];
  if (!online && options.splitName !== undefined && !(options.splitName in splits)) {
    throw offlineError(repoId, `its split '${options.splitName}' (config '${chosen}') is not in the local cache and the Hub cannot be asked.`);
  }
  if (options.splitName !== undefined && !(options.splitName in splits)) {
    throw new DatasetNotFoundError(`Data set '${repoId}' (config '${chosen}') has no split '${options.splitName}'. Its splits: ${Object.keys(splits).join(", ")}.`);
  }
  const out: Record<string, Dataset> = {};
  for (const [split, files] of Object.entries(splits)) {
    if (options.splitName !== undefined && split !== options.splitName) continue;
    const parts = [];
    for (const file of files) parts.push(await readParquet(await downloadShard(repoId, file, { ...options, token, endpoint }, online)));
    const columns: Record<string, unknown[]> = {};
    for (const name of Object.keys(parts[0]?.columns ?? {})) columns[name] = parts.flatMap((p) => p.columns[name] ?? []);
    out[split] = Dataset.from_dict(columns, parts[0]?.features);
  }
  return new DatasetDict(out);
}
