import http from "node:http";
import net from "node:net";

/**
 * Sends bytes exactly as given (request line, headers, body) on a fresh connection and resolves
 * with the status of the answer, or "no answer" when the connection closed (or 60 s passed)
 * without a status line. Nothing is normalised, quoted or checked on the way, unlike fetch.
 */
export function sendRaw(port: number, head: string, body: Buffer | string = ""): Promise<number | "no answer"> {
  return new Promise((resolve) => {
    const sock = net.connect(port, "127.0.0.1");
    let data = "";
    const done = (r: number | "no answer") => {
      clearTimeout(timer);
      sock.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => done("no answer"), 60_000);
    sock.on("data", (d) => {
      data += d.toString("latin1");
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(data);
      if (m) done(Number(m[1]));
    });
    sock.on("error", () => done("no answer"));
    sock.on("close", () => done("no answer"));
    sock.write(head);
    if (body.length) sock.write(body);
  });
}

/** A request head: request line, Host, Connection: close, then `headers` in order (duplicates kept). */
export function head(method: string, target: string, headers: [string, string][] = []): string {
  return [`${method} ${target} HTTP/1.1`, "Host: 127.0.0.1", "Connection: close", ...headers.map(([k, v]) => `${k}: ${v}`), "", ""].join("\r\n");
}

/** A request with the path sent as is (as curl --path-as-is: no dot-segment removal), answered in full. */
export function requestAsIs(
  port: number,
  method: string,
  path: string,
  headers: http.OutgoingHttpHeaders = {},
  body?: Buffer | string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Runs `work` over `items`, at most `width` at once. */
export async function inBatches<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]);
      }
    }),
  );
  return out;
}

/** The value of one Prometheus sample (sum over the series whose labels contain `labels`), 0 when absent. */
export function sample(metricsText: string, name: string, labels = ""): number {
  let total = 0;
  for (const m of metricsText.matchAll(new RegExp(`^${name}(?:\\{([^}]*)\\})? ([0-9.e+-]+)$`, "gm"))) if ((m[1] ?? "").includes(labels)) total += Number(m[2]);
  return total;
}
