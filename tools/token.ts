// Prints one dev-issuer token and nothing else: `npm run --silent token -- --sub alice --scopes "lineage:read"`.
import { parseArgs } from "node:util";
import { issueDevToken } from "../runtime/auth/dev-issuer.js";
import { SCOPES } from "../runtime/auth/caller.js";

const { values } = parseArgs({
  options: { sub: { type: "string" }, scopes: { type: "string", default: "lineage:read" }, ttl: { type: "string", default: "28800" } },
});
if (!values.sub) {
  console.error('usage: npm run --silent token -- --sub <name> --scopes "<space-separated scopes>" [--ttl <seconds>]');
  process.exit(2);
}
const scopes = values.scopes!.split(/\s+/).filter(Boolean);
const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
if (unknown.length) {
  console.error(`unknown scope(s): ${unknown.join(", ")}; known: ${SCOPES.join(" ")}`);
  process.exit(2);
}
try {
  process.stdout.write(`${await issueDevToken(values.sub, scopes, Number(values.ttl))}\n`);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
