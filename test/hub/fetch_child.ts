// Child process for the concurrency test: downloads one file and prints the path it got.
import { hf_hub_download } from "../../src/hub";

const [repoId, filename] = process.argv.slice(2);
hf_hub_download(repoId, filename).then(
  (file) => process.stdout.write(JSON.stringify({ file }) + "\n"),
  (err) => {
    process.stderr.write(`${(err as Error).name}: ${(err as Error).message}\n`);
    process.exit(1);
  },
);
