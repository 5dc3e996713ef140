// The deploy/ files against the code. Docker and Helm cannot run here, so this proves what can
// be proved by reading: every file parses; every service of the code (runtime/config.ts SUBGRAPHS
// and the gateway, which is what tools/serve.ts accepts) is in the image's command,
// in compose and in the chart, on the port runtime/config.ts gives it by default; probes hit
// /healthz and /readyz (subgraphs) on that port; every environment variable set is one the code reads;
// secrets are references, never values. The chart is rendered by test/support/helm-subset.ts,
// a minimal implementation of exactly the template functions the chart uses (not Helm itself):
// what it proves is the manifests as that subset renders them, parsed as YAML.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { SUBGRAPHS } from "../runtime/config.js";
import { PUBLIC_ENV, SIGNERS, SIGNING_ENV, type KeyRole } from "../runtime/keys.js";
import { assignments, configDefaults, dockerfile, envNamesRead, importedTopLevelDirs, serveServices } from "./support/deploy-facts.js";
import { HelmSubset } from "./support/helm-subset.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML, checked by the assertions
type Obj = Record<string, any>;
const SERVICES = ["gateway", ...SUBGRAPHS];
const CHART = "deploy/helm/ai-lineage";
const SECRET_VARS = ["NEO4J_PASSWORD", "SERVICE_JWKS", "INTERNAL_JWKS"];
/** The private key variables a service (or the migration) may be given: those of the roles it signs for (runtime/keys.ts SIGNERS). */
const privateVarsOf = (service: string) =>
  (Object.keys(SIGNERS) as KeyRole[]).filter((r) => SIGNERS[r].includes(service)).map((r) => SIGNING_ENV[r]).sort();
const isPrivateVar = (name: string) => (Object.values(SIGNING_ENV) as string[]).includes(name);

let ports: Record<string, number>;
let env: ReturnType<typeof envNamesRead>;
beforeAll(() => {
  const d = configDefaults();
  ports = Object.fromEntries([["gateway", d.port], ...SUBGRAPHS.map((s, i) => [s, d.subgraphPortBase + i])]);
  env = envNamesRead();
});

/** A name the code reads, or a prefix it reads + an upper-cased subgraph name. */
function readByCode(name: string): boolean {
  if (env.names.has(name)) return true;
  return [...env.prefixes].some((p) => name.startsWith(p) && SUBGRAPHS.map((s) => s.toUpperCase()).includes(name.slice(p.length) as never));
}

describe("deploy/Dockerfile", () => {
  const steps = dockerfile("deploy/Dockerfile");
  const all = (op: string) => steps.filter((s) => s.op === op);
  const json = (op: string) => JSON.parse(all(op).at(-1)!.args) as string[];

  it("builds from a slim Node 20/22 image, installs production dependencies only, runs as a non-root user", () => {
    const version = assignments(all("ARG").find((a) => a.args.startsWith("NODE_VERSION"))!.args).NODE_VERSION;
    expect(["20", "22"]).toContain(version);
    for (const from of all("FROM")) expect(from.args).toMatch(/^node:\$\{NODE_VERSION\}-[a-z]+-slim\b/);
    expect(all("RUN").some((r) => /npm ci\b.*--omit=dev/.test(r.args))).toBe(true);
    const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as Obj;
    expect(pkg.dependencies.tsx, "tsx runs the TypeScript in the image: a runtime dependency").toBeDefined();
    const user = all("USER").at(-1)!.args;
    expect(user).not.toMatch(/^(root|0)(:|$)/);
  });

  it("enters tools/serve.ts through tsx, defaults to a real service, and probes /healthz on PORT", () => {
    expect(json("ENTRYPOINT")).toEqual(["node", "--import", "tsx", "tools/serve.ts"]);
    // The site recorder is served by the same image but runs at a site, not in the central compose/chart.
    expect(serveServices().sort(), "tools/serve.ts serves exactly the gateway, runtime/config.ts SUBGRAPHS and the site recorder").toEqual([...SERVICES, "recorder"].sort());
    expect(SERVICES).toContain(json("CMD")[0]);
    const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as Obj;
    expect(pkg.scripts.serve, "`npm run serve -- <service>` runs the same script").toMatch(/tools\/serve\.ts/);
    const health = all("HEALTHCHECK").at(-1)!.args;
    expect(health).toMatch(/\/healthz/);
    const fallback = /process\.env\.PORT \?\? (\d+)/.exec(health);
    expect(Number(fallback?.[1]), "without PORT the probe goes to the gateway's default port").toBe(ports.gateway);
  });

  it("copies every folder the code imports from, and the build context lets each through", () => {
    const copied = all("COPY").filter((c) => !c.args.startsWith("--from")).flatMap((c) => c.args.split(/\s+/).slice(0, -1));
    const needed = importedTopLevelDirs(copied.filter((c) => fs.existsSync(c) && fs.statSync(c).isDirectory()));
    for (const dir of [...needed, "runtime", "gateway", "subgraphs", "tools", "schema", "migrations"]) expect(copied).toContain(dir);
    const ignore = fs.readFileSync("deploy/Dockerfile.dockerignore", "utf8").split("\n").map((l) => l.trim());
    expect(ignore).toContain("*");
    for (const c of copied) expect(ignore, c).toContain(`!${c}`);
  });

  it("sets only variables the code reads, production on and every interface bound", () => {
    const vars = Object.assign({}, ...all("ENV").map((e) => assignments(e.args))) as Record<string, string>;
    for (const name of Object.keys(vars)) expect(readByCode(name), name).toBe(true);
    expect(vars).toMatchObject({ NODE_ENV: "production", HOST: "0.0.0.0", SUBGRAPH_HOST: "0.0.0.0" });
    expect(vars.PORT, "each service gets its own PORT from compose / the chart").toBeUndefined();
  });
});

describe("deploy/compose.yaml", () => {
  const compose = YAML.parse(fs.readFileSync("deploy/compose.yaml", "utf8"), { merge: true }) as Obj;
  const services = compose.services as Record<string, Obj>;

  it("has Neo4j 5, the migration one-shot, the five subgraphs and the gateway, all apps from one image", () => {
    expect(Object.keys(services).sort()).toEqual([...SERVICES, "migrate", "neo4j"].sort());
    expect(services.neo4j.image).toMatch(/^neo4j:5\b/);
    const images = new Set([...SERVICES, "migrate"].map((s) => services[s].image));
    expect(images.size).toBe(1);
    for (const s of [...SERVICES, "migrate"]) expect(services[s].build.dockerfile).toBe("deploy/Dockerfile");
  });

  it("runs each service by its name on its configured port, healthy when /readyz answers on that port", () => {
    for (const s of SERVICES) {
      expect(services[s].command).toEqual([s]);
      expect(services[s].environment.PORT).toBe(String(ports[s]));
      expect(services[s].healthcheck.test.join(" ")).toContain(`http://127.0.0.1:${ports[s]}/readyz`);
    }
  });

  it("orders the start: Neo4j healthy -> migrations done -> subgraphs healthy -> gateway", () => {
    expect(services.migrate.entrypoint).toEqual(["node", "--import", "tsx", "tools/migrate.ts"]);
    const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as Obj;
    expect(pkg.scripts.migrate).toContain("tools/migrate.ts");
    expect(services.migrate.restart).toBe("no");
    expect(services.migrate.depends_on.neo4j.condition).toBe("service_healthy");
    for (const s of SUBGRAPHS) expect(services[s].depends_on.migrate.condition).toBe("service_completed_successfully");
    expect(Object.keys(services.gateway.depends_on).sort()).toEqual([...SUBGRAPHS].sort());
    for (const s of SUBGRAPHS) expect(services.gateway.depends_on[s].condition).toBe("service_healthy");
  });

  it("points the gateway at each subgraph's compose service and port, and publishes only the gateway", () => {
    for (const s of SUBGRAPHS) {
      const url = new URL(services.gateway.environment[`SUBGRAPH_URL_${s.toUpperCase()}`] as string);
      expect(url.hostname).toBe(s);
      expect(Number(url.port)).toBe(ports[s]);
      expect(url.pathname).toBe("/graphql");
    }
    for (const [name, s] of Object.entries(services)) expect(s.ports === undefined || name === "gateway", name).toBe(true);
    expect(services.gateway.ports).toEqual([`\${GATEWAY_PUBLISH_PORT:-4000}:${ports.gateway}`]);
  });

  it("sets only variables the code reads, connects to the neo4j service, and takes secrets from the environment", () => {
    for (const s of [...SERVICES, "migrate"]) {
      const vars = services[s].environment as Record<string, string>;
      for (const name of Object.keys(vars)) expect(readByCode(name), `${s}: ${name}`).toBe(true);
      expect(new URL(vars.NEO4J_URI).hostname).toBe("neo4j");
      expect(vars.NODE_ENV ?? "production").toBe("production");
      for (const secret of SECRET_VARS) expect(vars[secret], `${s}: ${secret}`).toMatch(/^\$\{[A-Z0-9_]+:\?/);
    }
  });

  it("gives a private key only to the services that sign with it; every other service and the migration get public keys only", () => {
    for (const s of [...SERVICES, "migrate"]) {
      const vars = services[s].environment as Record<string, string>;
      expect(Object.keys(vars).filter(isPrivateVar).sort(), s).toEqual(privateVarsOf(s));
      for (const name of privateVarsOf(s)) expect(vars[name]).toBe(`\${${name}:?set ${name} in deploy/.env}`);
      for (const name of Object.values(PUBLIC_ENV).filter((n) => n !== "DEV_ISSUER_JWKS")) if (s !== "migrate") expect(vars[name], `${s}: ${name}`).toBeDefined();
    }
    expect(privateVarsOf("models")).toEqual([]);
    expect(privateVarsOf("gpu")).toEqual([]);
    expect(privateVarsOf("gateway")).toEqual(["INTERNAL_SIGNING_JWK"]);
  });
});

describe("deploy/helm/ai-lineage", () => {
  const helm = new HelmSubset(CHART);
  const values = helm.root.Values as Obj;
  const docs: Obj[] = helm
    .templateFiles()
    .filter((f) => f.endsWith(".yaml"))
    .flatMap((f) => YAML.parseAllDocuments(helm.render(f)).map((d) => d.toJS() as Obj | null))
    .filter((d): d is Obj => d !== null);
  const find = (kind: string, name: string) => docs.find((d) => d.kind === kind && d.metadata.name === name);
  const container = (name: string) => find("Deployment", `rel-ai-lineage-${name}`)!.spec.template.spec.containers[0] as Obj;
  const envOf = (c: Obj) => Object.fromEntries((c.env as Obj[]).map((e) => [e.name, e])) as Record<string, Obj>;

  it("is a Helm v2 chart whose values name every service on its configured port", () => {
    const chart = YAML.parse(fs.readFileSync(path.join(CHART, "Chart.yaml"), "utf8")) as Obj;
    expect(chart).toMatchObject({ apiVersion: "v2", name: "ai-lineage", type: "application" });
    expect(Object.keys(values.services).sort()).toEqual([...SERVICES].sort());
    for (const s of SERVICES) expect(values.services[s].port, s).toBe(ports[s]);
    expect(values.neo4j.uri).toMatch(/^neo4j(\+s|\+ssc)?:\/\//);
  });

  it("renders a Deployment, Service, HorizontalPodAutoscaler and PodDisruptionBudget per service", () => {
    for (const s of SERVICES) {
      for (const kind of ["Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget"]) {
        expect(find(kind, `rel-ai-lineage-${s}`), `${kind} ${s}`).toBeDefined();
      }
      const hpa = find("HorizontalPodAutoscaler", `rel-ai-lineage-${s}`)!;
      expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: "apps/v1", kind: "Deployment", name: `rel-ai-lineage-${s}` });
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
      expect(find("Deployment", `rel-ai-lineage-${s}`)!.spec.replicas, "the autoscaler owns the count").toBeUndefined();
    }
    expect(docs.filter((d) => d.kind === "Secret"), "secrets are referenced, never created").toEqual([]);
  });

  // The gateway's readiness is /healthz: its /readyz fails while any subgraph is down, and one
  // down subgraph must give partial answers, not take every gateway replica out of the Service.
  const readiness = (s: string) => (s === "gateway" ? "/healthz" : "/readyz");

  it("runs each service by name on its port, probed on /healthz (liveness) and /readyz (subgraphs' readiness)", () => {
    for (const s of SERVICES) {
      const deployment = find("Deployment", `rel-ai-lineage-${s}`)!;
      const c = container(s);
      expect(c.args).toEqual([s]);
      expect(c.command, "the image's entrypoint (tools/serve.ts) is kept").toBeUndefined();
      expect(c.ports).toEqual([{ name: "http", containerPort: ports[s] }]);
      expect(envOf(c).PORT.value).toBe(String(ports[s]));
      expect(c.livenessProbe.httpGet).toEqual({ path: "/healthz", port: "http" });
      expect(c.readinessProbe.httpGet).toEqual({ path: readiness(s), port: "http" });
      const svc = find("Service", `rel-ai-lineage-${s}`)!;
      expect(svc.spec.ports).toEqual([{ name: "http", port: ports[s], targetPort: "http" }]);
      expect(deployment.spec.template.metadata.labels).toMatchObject(svc.spec.selector);
      expect(deployment.spec.selector.matchLabels).toEqual(svc.spec.selector);
      expect(deployment.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
    }
  });

  it("points the gateway at each subgraph's Service and port, with the trusted issuers as JSON", () => {
    const vars = envOf(container("gateway"));
    for (const s of SUBGRAPHS) {
      const url = new URL(vars[`SUBGRAPH_URL_${s.toUpperCase()}`].value as string);
      const svc = find("Service", url.hostname);
      expect(svc?.metadata.labels["app.kubernetes.io/component"]).toBe(s);
      expect(Number(url.port)).toBe(svc!.spec.ports[0].port);
      expect(url.pathname).toBe("/graphql");
    }
    expect(JSON.parse(vars.TRUSTED_ISSUERS.value as string)).toEqual(values.auth.trustedIssuers);
  });

  it("migrates in a pre-install/pre-upgrade hook Job running tools/migrate.ts", () => {
    const job = find("Job", "rel-ai-lineage-migrate")!;
    expect(job.metadata.annotations["helm.sh/hook"].split(",").sort()).toEqual(["pre-install", "pre-upgrade"]);
    const c = job.spec.template.spec.containers[0] as Obj;
    expect(c.command).toEqual(["node", "--import", "tsx", "tools/migrate.ts"]);
    expect(c.image).toBe(container("gateway").image);
    expect(job.spec.template.spec.restartPolicy).toBe("Never");
  });

  it("sets only variables the code reads; Neo4j and keys from values and Secrets by reference", () => {
    const containers = [...SERVICES.map(container), find("Job", "rel-ai-lineage-migrate")!.spec.template.spec.containers[0] as Obj];
    for (const c of containers) {
      const vars = envOf(c);
      for (const name of Object.keys(vars)) expect(readByCode(name), `${c.name}: ${name}`).toBe(true);
      expect(vars.NEO4J_URI.value).toBe(values.neo4j.uri);
      for (const secret of SECRET_VARS) {
        expect(vars[secret].value, `${c.name}: ${secret} is no literal`).toBeUndefined();
        expect(vars[secret].valueFrom.secretKeyRef.name).toMatch(/^ai-lineage-/);
      }
    }
    // A private key reaches only the services that sign with it, by reference (runtime/keys.ts SIGNERS).
    for (const s of [...SERVICES, "migrate"]) {
      const c = s === "migrate" ? (find("Job", "rel-ai-lineage-migrate")!.spec.template.spec.containers[0] as Obj) : container(s);
      const vars = envOf(c);
      expect(Object.keys(vars).filter(isPrivateVar).sort(), s).toEqual(privateVarsOf(s));
      for (const name of privateVarsOf(s)) {
        expect(vars[name].value).toBeUndefined();
        expect(vars[name].valueFrom.secretKeyRef).toEqual({ name: values.keys.secretName, key: name === "INTERNAL_SIGNING_JWK" ? "internal-signing-jwk" : "service-signing-jwk" });
      }
    }
    expect(envOf(container("compliance")).EXPORT_MAX_CONCURRENT.value).toBe("4");
  });

  it("renders an Aura URI given as a value", () => {
    const aura = new HelmSubset(CHART, { neo4j: { ...values.neo4j, uri: "neo4j+s://abcd1234.databases.neo4j.io" } });
    const rendered = YAML.parseAllDocuments(aura.render(path.join(CHART, "templates/deployment.yaml"))).map((d) => d.toJS() as Obj);
    const models = rendered.find((d) => d?.metadata?.name === "rel-ai-lineage-models")!;
    expect(envOf(models.spec.template.spec.containers[0] as Obj).NEO4J_URI.value).toBe("neo4j+s://abcd1234.databases.neo4j.io");
  });

  it("the subset renderer refuses template constructs it does not implement", () => {
    const dir = fs.mkdtempSync(path.join(process.env.DATA_DIR ?? ".data", "helm-subset-"));
    fs.mkdirSync(path.join(dir, "templates"));
    for (const f of ["Chart.yaml", "values.yaml"]) fs.copyFileSync(path.join(CHART, f), path.join(dir, f));
    const write = (text: string) => {
      fs.writeFileSync(path.join(dir, "templates", "t.yaml"), text);
      return () => new HelmSubset(dir).render(path.join(dir, "templates", "t.yaml"));
    };
    try {
      expect(write("a: {{ .Values.logLevel | lower }}")).toThrow(/unsupported function lower/);
      expect(write("{{ with .Values.neo4j }}x{{ end }}")).toThrow(/unsupported/);
      expect(write("a: {{ .Values.nothing }}")).toThrow(/renders no value/);
      expect(write("a: {{ .Values.logLevel | quote }}")()).toBe(`a: "${values.logLevel}"`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("federation version, for Apollo Router / Hive Router on the same supergraph", () => {
  it("every subgraph links federation v2.9 or lower (the highest @theguild/federation-composition 0.27 accepts)", () => {
    for (const s of SUBGRAPHS) {
      const links = [...fs.readFileSync(`schema/${s}.graphql`, "utf8").matchAll(/specs\.apollo\.dev\/federation\/v2\.(\d+)/g)];
      expect(links.length, s).toBeGreaterThan(0);
      for (const m of links) expect(Number(m[1]), s).toBeLessThanOrEqual(9);
    }
  });
});
