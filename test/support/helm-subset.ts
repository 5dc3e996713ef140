import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";

/**
 * A renderer for the small subset of Helm's Go templates that deploy/helm/ai-lineage uses, so
 * that test/deploy.test.ts can check the manifests the chart produces without the helm binary
 * (not installable here). It is NOT Helm: it implements text, trim markers, comments, `define`,
 * `range` (`$k, $v :=` over maps in key order, as Go does, and lists), `if`/`else`, variables,
 * field paths, pipelines and the functions in FUNCTIONS, with Helm's meanings. Anything else
 * (another function, `with`, `else if`, parentheses) throws, so a template that grows past the
 * subset fails the test instead of being rendered wrongly. It is stricter than Helm in one
 * way: printing a missing value throws (Helm would print nothing).
 */

type Node = { kind: "text"; text: string } | { kind: "out"; expr: string } | Block;
interface Block {
  kind: "if" | "range" | "define";
  arg: string;
  body: Node[];
  alt: Node[];
}
interface Scope {
  dot: unknown;
  root: unknown;
  vars: Map<string, unknown>;
}

const ACTION = /\{\{(-\s)?\s*([\s\S]*?)\s*(\s-)?\}\}/g;

function lex(src: string): Array<{ text: string } | { action: string }> {
  const out: Array<{ text: string } | { action: string }> = [];
  let last = 0;
  let trimNext = false;
  for (const m of src.matchAll(ACTION)) {
    let text = src.slice(last, m.index);
    if (trimNext) text = text.replace(/^\s+/, "");
    if (m[1]) text = text.replace(/\s+$/, "");
    out.push({ text });
    if (!/^\/\*[\s\S]*\*\/$/.test(m[2])) out.push({ action: m[2] });
    trimNext = Boolean(m[3]);
    last = m.index + m[0].length;
  }
  const rest = src.slice(last);
  out.push({ text: trimNext ? rest.replace(/^\s+/, "") : rest });
  return out;
}

function parse(src: string): { nodes: Node[]; defines: Map<string, Node[]> } {
  const defines = new Map<string, Node[]>();
  const root: Node[] = [];
  const stack: Array<{ block: Block | null; target: Node[] }> = [{ block: null, target: root }];
  for (const t of lex(src)) {
    const top = stack[stack.length - 1];
    if ("text" in t) {
      if (t.text) top.target.push({ kind: "text", text: t.text });
      continue;
    }
    const [, keyword, arg = ""] = /^(\w+)\b\s*([\s\S]*)$/.exec(t.action) ?? [];
    if (keyword === "if" || keyword === "range" || keyword === "define") {
      const block: Block = { kind: keyword, arg, body: [], alt: [] };
      if (keyword !== "define") top.target.push(block);
      stack.push({ block, target: block.body });
    } else if (keyword === "else") {
      if (arg || top.block?.kind !== "if") throw new Error(`unsupported: {{ ${t.action} }}`);
      top.target = top.block.alt;
    } else if (keyword === "end") {
      stack.pop();
      if (top.block?.kind === "define") defines.set(JSON.parse(top.block.arg) as string, top.block.body);
    } else if (/^(with|template|block|tpl|else)$/.test(keyword ?? "")) {
      throw new Error(`unsupported: {{ ${t.action} }}`);
    } else top.target.push({ kind: "out", expr: t.action });
  }
  if (stack.length !== 1) throw new Error("unbalanced {{ end }}");
  return { nodes: root, defines };
}

const empty = (v: unknown): boolean =>
  v === undefined || v === null || v === false || v === 0 || v === "" || (Array.isArray(v) && v.length === 0) || (typeof v === "object" && v !== null && Object.keys(v).length === 0);

function printf(format: string, ...args: unknown[]): string {
  let i = 0;
  return format.replace(/%[svd%]/g, (m) => (m === "%%" ? "%" : String(args[i++])));
}

function indent(n: number, s: string): string {
  return s.split("\n").map((l) => " ".repeat(n) + l).join("\n");
}

export class HelmSubset {
  private readonly defines = new Map<string, Node[]>();
  private readonly functions: Record<string, (...args: unknown[]) => unknown> = {
    include: (name, ctx) => this.renderNodes(this.template(name as string), { dot: ctx, root: ctx, vars: new Map() }),
    toYaml: (v) => YAML.stringify(v).replace(/\n$/, ""),
    toJson: (v) => JSON.stringify(v),
    nindent: (n, s) => `\n${indent(n as number, String(s))}`,
    quote: (v) => JSON.stringify(String(v ?? "")),
    default: (fallback, v) => (empty(v) ? fallback : v),
    upper: (s) => String(s).toUpperCase(),
    printf: (f, ...args) => printf(f as string, ...args),
    trunc: (n, s) => String(s).slice(0, n as number),
    trimSuffix: (suffix, s) => (String(s).endsWith(suffix as string) ? String(s).slice(0, -(suffix as string).length) : s),
    eq: (a, b) => a === b,
    ne: (a, b) => a !== b,
    not: (v) => empty(v),
  };

  /** Loads a chart directory: Chart.yaml, values.yaml (merged with `overrides`, one level deep per key) and every templates/*.tpl define. */
  constructor(private readonly chartDir: string, overrides: Record<string, unknown> = {}) {
    const chart = YAML.parse(fs.readFileSync(path.join(chartDir, "Chart.yaml"), "utf8")) as Record<string, string>;
    const values = { ...(YAML.parse(fs.readFileSync(path.join(chartDir, "values.yaml"), "utf8")) as Record<string, unknown>), ...overrides };
    this.root = {
      Values: values,
      Chart: { Name: chart.name, Version: chart.version, AppVersion: chart.appVersion },
      Release: { Name: "rel", Namespace: "default", Service: "Helm" },
    };
    for (const f of this.templateFiles().filter((f) => f.endsWith(".tpl"))) {
      for (const [k, v] of parse(fs.readFileSync(f, "utf8")).defines) this.defines.set(k, v);
    }
  }

  readonly root: { Values: Record<string, unknown>; Chart: Record<string, string>; Release: Record<string, string> };

  /** Paths of templates/* (sorted). */
  templateFiles(): string[] {
    const dir = path.join(this.chartDir, "templates");
    return fs.readdirSync(dir).sort().map((f) => path.join(dir, f));
  }

  /** Renders one template file to text. */
  render(file: string): string {
    const { nodes, defines } = parse(fs.readFileSync(file, "utf8"));
    for (const [k, v] of defines) this.defines.set(k, v);
    return this.renderNodes(nodes, { dot: this.root, root: this.root, vars: new Map() });
  }

  private template(name: unknown): Node[] {
    const t = this.defines.get(name as string);
    if (!t) throw new Error(`include of undefined template ${String(name)}`);
    return t;
  }

  private renderNodes(nodes: Node[], scope: Scope): string {
    let out = "";
    const local: Scope = { ...scope, vars: new Map(scope.vars) };
    for (const n of nodes) {
      if (n.kind === "text") out += n.text;
      else if (n.kind === "out") {
        const m = /^(\$\w+)\s*:=\s*([\s\S]+)$/.exec(n.expr);
        if (m) local.vars.set(m[1], this.pipeline(m[2], local));
        else {
          const v = this.pipeline(n.expr, local);
          if (v === undefined || v === null) throw new Error(`{{ ${n.expr} }} renders no value`);
          out += typeof v === "object" ? JSON.stringify(v) : String(v);
        }
      } else if (n.kind === "if") out += this.renderNodes(empty(this.pipeline(n.arg, local)) ? n.alt : n.body, local);
      else if (n.kind === "range") out += this.range(n, local);
    }
    return out;
  }

  private range(n: Block, scope: Scope): string {
    const m = /^(?:(\$\w+)\s*(?:,\s*(\$\w+))?\s*:=\s*)?([\s\S]+)$/.exec(n.arg)!;
    const over = this.pipeline(m[3], scope);
    if (over === undefined || over === null) return "";
    const entries: Array<[unknown, unknown]> = Array.isArray(over)
      ? over.map((v, i) => [i, v])
      : Object.keys(over as object).sort().map((k) => [k, (over as Record<string, unknown>)[k]]);
    return entries
      .map(([k, v]) => {
        const vars = new Map(scope.vars);
        if (m[1] && m[2]) vars.set(m[1], k).set(m[2], v);
        else if (m[1]) vars.set(m[1], v);
        return this.renderNodes(n.body, { ...scope, dot: v, vars });
      })
      .join("");
  }

  private pipeline(expr: string, scope: Scope): unknown {
    if (expr.includes("(")) throw new Error(`unsupported (parentheses): ${expr}`);
    let piped: unknown[] = [];
    for (const command of expr.split(/\s*\|\s*(?=(?:[^"]*"[^"]*")*[^"]*$)/)) {
      const [head = "", ...args] = command.match(/"(?:[^"\\]|\\.)*"|\S+/g) ?? [];
      const fn = Object.hasOwn(this.functions, head) ? this.functions[head] : undefined;
      if (fn) piped = [fn(...args.map((w) => this.value(w, scope)), ...piped)];
      else if (/^[a-z]\w*$/.test(head)) throw new Error(`unsupported function ${head} in: ${expr}`);
      else if (args.length || piped.length) throw new Error(`cannot evaluate: ${expr}`);
      else piped = [this.value(head, scope)];
    }
    return piped[0];
  }

  private value(word: string, scope: Scope): unknown {
    if (word.startsWith('"')) return JSON.parse(word) as string;
    if (/^-?\d+$/.test(word)) return Number(word);
    if (word === "true" || word === "false") return word === "true";
    const [head, ...fields] = word === "." ? ["."] : word.startsWith(".") ? [".", ...word.slice(1).split(".")] : word.split(".");
    let v: unknown;
    if (head === ".") v = scope.dot;
    else if (head === "$") v = scope.root;
    else if (scope.vars.has(head)) v = scope.vars.get(head);
    else throw new Error(`undefined variable ${head}`);
    for (const f of fields) {
      if (v === undefined || v === null || typeof v !== "object") throw new Error(`${word}: no field ${f} on a missing value`);
      v = (v as Record<string, unknown>)[f];
    }
    return v;
  }
}
