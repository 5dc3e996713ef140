import { execFile } from "node:child_process";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { PLACEHOLDER_CHECKED, refusePlaceholder } from "../runtime/startup-checks.js";

// deploy/.env.example is copied to deploy/.env; a placeholder left in it must stop the start,
// not run a deployment on a password or key everyone can read here.
const example = Object.fromEntries(
  fs
    .readFileSync("deploy/.env.example", "utf8")
    .split("\n")
    .filter((l) => /^[A-Z][A-Z0-9_]*=/.test(l))
    .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
);

const serve = (env: Record<string, string>) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) =>
    execFile(process.execPath, ["--import", "tsx", "tools/serve.ts", "gpu"], { env: { ...process.env, NEO4J_URI: "bolt://127.0.0.1:9", ...env } }, (err, _out, stderr) =>
      resolve({ code: err ? (err.code as number) : 0, stderr }),
    ),
  );

describe("placeholder secrets of deploy/.env.example", () => {
  it("every secret of the example file is checked, and its example value refused", () => {
    const secrets = Object.keys(example).filter((n) => /PASSWORD|JWK/.test(n));
    expect(secrets.sort()).toEqual([...PLACEHOLDER_CHECKED].sort());
    for (const name of secrets) expect(() => refusePlaceholder(name, example[name]), name).toThrow(/placeholder of deploy\/.env.example/);
  });

  it("a real value passes", () => {
    expect(refusePlaceholder("NEO4J_PASSWORD", "k3GQ8vV1p0sXr2")).toBe("k3GQ8vV1p0sXr2");
    expect(refusePlaceholder("INTERNAL_JWKS", '{"keys":[{"kty":"OKP","crv":"Ed25519","x":"j3IaWTTqgloEVPKwBSZH-tmgWaTjRvgIUsAsR1cYKUk"}]}')).toContain("j3Ia");
  });

  it("a service started with the example file's values stops at once, naming each placeholder", async () => {
    const res = await serve({ ...example });
    expect(res.code).toBe(1);
    const line = res.stderr.trim().split("\n").at(-1)!;
    expect(line).toMatch(/^invalid configuration: /);
    for (const name of PLACEHOLDER_CHECKED) expect(line).toContain(`${name} is the placeholder of deploy/.env.example`);
  });

  it("a public key set with a private part is refused at start", async () => {
    const res = await serve({ INTERNAL_JWKS: JSON.stringify({ keys: [{ kty: "OKP", crv: "Ed25519", x: "j3IaWTTqgloEVPKwBSZH-tmgWaTjRvgIUsAsR1cYKUk", d: "MnaJEwVbc7-T8DccBUI9E4x-pScQvHOkfJwVYOzz97w" }] }) });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('INTERNAL_JWKS must hold public keys only: a key has the private part "d"');
  });
});
