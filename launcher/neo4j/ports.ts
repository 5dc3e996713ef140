import net from "node:net";
import { readEnv } from "../../runtime/config.js";

/** NEO4J_BOLT_PORT (a port number, checked by runtime/config.ts), else undefined: any free port. */
export const boltPortFromEnv = (): number | undefined => readEnv().NEO4J_BOLT_PORT;

export function portTaken(port: number): Error {
  return new Error(`Bolt port ${port} (NEO4J_BOLT_PORT) is already in use on 127.0.0.1: stop what uses it, or unset NEO4J_BOLT_PORT to use a free port.`);
}

function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => {
      const bound = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(bound));
    });
  });
}

/** A port free on 127.0.0.1 now (another process may take it before Neo4j binds it). */
export const freePort = (): Promise<number> => listenOnce(0);

export async function isPortFree(port: number): Promise<boolean> {
  try {
    await listenOnce(port);
    return true;
  } catch {
    return false;
  }
}
