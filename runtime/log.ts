import { pino } from "pino";
import { env } from "./config.js";

/**
 * The one logger of every service process: JSON lines on stderr (pino), level from LOG_LEVEL
 * (default `info`), each line with `service` and, when it concerns a request, `requestId` (the
 * same id the gateway returns in `x-request-id` and passes to subgraphs in the internal token).
 * Errors go under `err` with their message and stack: logs are for operators, never for callers.
 */
export const logger = pino(
  {
    level: env.LOG_LEVEL,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  },
  pino.destination({ fd: 2, sync: true }),
);

/** Names this process's service on every later line. */
export function setLogService(service: string): void {
  logger.setBindings({ service });
}
