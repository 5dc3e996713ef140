// `npm run recorder:verify -- [dir]`: checks a site recorder's log offline (default RECORDER_DATA_DIR):
// prints one JSON verdict; exit 0 when every record chains, 1 naming the sequences that do not.
import { recorderConfig } from "../runtime/config.js";
import { verifyLog } from "../site-recorder/verify.js";

const dir = process.argv[2] ?? recorderConfig().dataDir;
try {
  const verdict = await verifyLog(dir);
  console.log(JSON.stringify({ dir, ok: verdict.problems.length === 0, ...verdict }, null, 2));
  process.exit(verdict.problems.length === 0 ? 0 : 1);
} catch (err) {
  console.error(`cannot verify ${dir}: ${(err as Error).message}`);
  process.exit(2);
}
