// Finding model files, as huggingface_hub does.
//
// `cached_file(dirOrId, filename)` (used by every from_pretrained) looks in a local folder, then
// the bundled models (`transformers-lab/<name>` → `<package>/models/<name>/`), then the Hub
// cache in Python's layout, and finally downloads from the Hub. A file already cached for the
// requested revision is used without any request; `force_download: true` checks the Hub again.
//
// Environment, with huggingface_hub's names:
//   HF_HOME (~/.cache/huggingface), HF_HUB_CACHE / HUGGINGFACE_HUB_CACHE ($HF_HOME/hub),
//   HF_ENDPOINT (https://huggingface.co), HF_TOKEN / HF_TOKEN_PATH ($HF_HOME/token),
//   HF_HUB_OFFLINE=1, HF_HUB_DOWNLOAD_TIMEOUT (idle timeout, 10 s), HF_HUB_DISABLE_PROGRESS_BARS=1;
//   and our own TLAB_HUB_FILE_DEADLINE (overall limit per file, 3600 s; see docs/limits.md);
//   and as Python's requests: HTTPS_PROXY / HTTP_PROXY / NO_PROXY, REQUESTS_CA_BUNDLE / SSL_CERT_FILE.
export * from "./errors";
export * from "./resolve";
export { hf_hub_download, hf_hub_url, get_hf_file_metadata } from "./file_download";
export type { HfHubDownloadOptions, HfFileMetadata } from "./file_download";
export { snapshot_download } from "./snapshot_download";
export type { SnapshotDownloadOptions } from "./snapshot_download";
export { list_bundled_models } from "./bundled";
export { repoFolderName as repo_folder_name } from "./cache_layout";
