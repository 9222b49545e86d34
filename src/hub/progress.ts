// Download progress through the SDK's ProgressBar: a live bar in notebooks, a line in terminals.
// HF_HUB_DISABLE_PROGRESS_BARS=1 silences it, as in huggingface_hub.
import { ProgressBar } from "../display";

export interface DownloadProgress {
  update(bytes: number): void;
  close(): void;
}

/** Starts reporting a download of `total` bytes (undefined when the size is unknown). */
export function downloadProgress(label: string, total: number | undefined, alreadyHave: number): DownloadProgress {
  if (/^(1|on|yes|true)$/i.test(process.env.HF_HUB_DISABLE_PROGRESS_BARS ?? "")) return { update() {}, close() {} };
  const bar = new ProgressBar({ total, desc: label, unit: "B", mininterval: 250 });
  if (alreadyHave) bar.update(alreadyHave);
  return bar;
}
