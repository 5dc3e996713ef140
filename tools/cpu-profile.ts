import fs from "node:fs/promises";
import { Session } from "node:inspector/promises";
import path from "node:path";

// A CPU profile of a running service over a chosen window (`npm run bench -- --cpu-prof`):
// unlike node's --cpu-prof, which covers the whole life of the process, it leaves out start-up
// (module loading, schema building) and fixture building, so it shows where requests spend time.
let session: Session | null = null;

export async function startCpuProfile(): Promise<void> {
  if (session) return;
  session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
}

/** Stops the profile started by startCpuProfile and writes it (V8 .cpuprofile JSON) to `file`. */
export async function stopCpuProfile(file: string): Promise<void> {
  if (!session) return;
  const { profile } = await session.post("Profiler.stop");
  session.disconnect();
  session = null;
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, JSON.stringify(profile));
}
