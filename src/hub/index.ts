export * from "./errors";
export * from "./resolve";
export { hf_hub_download, hf_hub_url, get_hf_file_metadata } from "./file_download";
export type { HfHubDownloadOptions, HfFileMetadata } from "./file_download";
export { snapshot_download } from "./snapshot_download";
export type { SnapshotDownloadOptions } from "./snapshot_download";
export { list_bundled_models } from "./bundled";
export { repoFolderName as repo_folder_name } from "./cache_layout";
