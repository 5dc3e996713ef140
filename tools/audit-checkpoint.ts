// `npm run audit:checkpoint -- --out <file>`: saves the signed head of the audit chain. Keep it outside the database.
import fs from "node:fs/promises";
import { parseArgs } from "node:util";
import { call, runTool, toolToken } from "./client.js";

runTool(async () => {
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  const token = await toolToken("audit-cli", ["audit:read"]);
  const { auditCheckpoint } = await call(token, `{ auditCheckpoint { length headHash at jws } }`);
  const text = `${JSON.stringify(auditCheckpoint, null, 2)}\n`;
  if (values.out) {
    await fs.writeFile(values.out, text);
    console.log(`checkpoint of ${auditCheckpoint.length} events written to ${values.out}`);
  } else process.stdout.write(text);
});
