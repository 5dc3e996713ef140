import { errors } from "jose";

/**
 * Why jose refused a token, in its own words (e.g. `"exp" claim timestamp check failed`): safe
 * to show, and what an integrator needs to fix their token. Anything else stays generic.
 */
export function rejection(err: unknown): string {
  return err instanceof errors.JOSEError ? err.message : "verification failed";
}
