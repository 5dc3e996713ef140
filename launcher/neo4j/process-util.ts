/** Small process and file helpers shared by the embedded-Neo4j modules. */
import fs from "node:fs";
import path from "node:path";

/** How many lines of a child's output an error message shows. */
export const TAIL_LINES = 40;

export function readFileOr(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function onPath(cmd: string): boolean {
  return (process.env.PATH ?? "").split(path.delimiter).some((dir) => {
    try {
      fs.accessSync(path.join(dir || ".", cmd), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Last lines of output. */
export class Tail {
  private readonly lines: string[] = [];
  constructor(private readonly max: number) {}
  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.max) this.lines.shift();
  }
  text(): string {
    return this.lines.length ? this.lines.join("\n") : "(no output)";
  }
}
