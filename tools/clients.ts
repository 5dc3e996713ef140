// `npm run clients -- register|revoke|list ...`: manages integration clients through the gateway (scope admin).
import fs from "node:fs/promises";
import { parseArgs } from "node:util";
import { call, runTool, ToolError, toolToken } from "./client.js";

const USAGE = `usage:
  npm run clients -- register --id <client-id> (--jwks <public-jwks.json> | --jwks-url <https-url>) --scopes "<scopes>" [--name <name>]
  npm run clients -- revoke --id <client-id>
  npm run clients -- list [--active]
Needs LINEAGE_TOKEN with the scope admin (on a local stack a dev token is made for you); LINEAGE_URL picks the gateway.`;

const FIELDS = "clientId name allowedScopes version jwksUrl revoked revokedAt createdAt";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    id: { type: "string" },
    name: { type: "string" },
    jwks: { type: "string" },
    "jwks-url": { type: "string" },
    scopes: { type: "string" },
    active: { type: "boolean", default: false },
  },
});

const need = (v: string | undefined, flag: string): string => {
  if (!v) throw new ToolError(`${flag} is required\n${USAGE}`);
  return v;
};

async function register(token: string) {
  const clientId = need(values.id, "--id");
  if (!values.jwks === !values["jwks-url"]) throw new ToolError(`give exactly one of --jwks or --jwks-url\n${USAGE}`);
  let jwks: unknown = null;
  if (values.jwks) {
    try {
      jwks = JSON.parse(await fs.readFile(values.jwks, "utf8"));
    } catch (err) {
      throw new ToolError(`cannot read a JWK set from ${values.jwks}: ${(err as Error).message}`);
    }
  }
  const input = {
    clientId,
    name: values.name ?? clientId,
    jwks,
    jwksUrl: values["jwks-url"] ?? null,
    allowedScopes: need(values.scopes, "--scopes").split(/\s+/).filter(Boolean),
  };
  const data = await call(token, `mutation($i: RegisterClientInput!) { registerClient(input: $i) { ${FIELDS} } }`, { i: input });
  console.log(JSON.stringify(data.registerClient, null, 2));
}

async function revoke(token: string) {
  const data = await call(token, `mutation($c: ID!) { revokeClient(clientId: $c) { ${FIELDS} } }`, { c: need(values.id, "--id") });
  console.log(JSON.stringify(data.revokeClient, null, 2));
}

async function list(token: string) {
  let after: string | null = null;
  for (;;) {
    const data: { clients: { clientId: string; revoked: boolean; allowedScopes: string[]; version: number }[] } = await call(
      token,
      `query($after: String, $all: Boolean!) { clients(first: 200, after: $after, includeRevoked: $all) { ${FIELDS} } }`,
      { after, all: !values.active },
    );
    for (const c of data.clients) console.log(`${c.clientId}\tv${c.version}\t${c.revoked ? "REVOKED" : "active"}\t${c.allowedScopes.join(" ")}`);
    if (data.clients.length < 200) return;
    after = data.clients[data.clients.length - 1].clientId;
  }
}

runTool(async () => {
  const command = { register, revoke, list }[positionals[0] as "register"];
  if (!command) throw new ToolError(USAGE);
  await command(await toolToken("clients-cli", ["admin"]));
});
