import { clearToken, getToken } from "./auth.js";

/** An answer the page shows as a whole view: code is the API's extensions.code. */
export class ApiError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

// When a response carries several errors, the one that decides the view wins.
const PRECEDENCE = ["UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "BAD_USER_INPUT"];

/** POSTs one GraphQL operation to this gateway with the signed-in user's token; throws ApiError on any error. */
export async function gql(query, variables = {}) {
  const token = getToken();
  if (!token) throw new ApiError("UNAUTHENTICATED", "Please sign in.");
  let res;
  try {
    res = await fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError("NETWORK", "The gateway cannot be reached.");
  }
  let body;
  try {
    body = await res.json();
  } catch {
    throw new ApiError("INTERNAL", `The gateway answered HTTP ${res.status}.`);
  }
  const errors = body.errors ?? [];
  if (errors.length) {
    const codes = errors.map((e) => e.extensions?.code ?? "INTERNAL_SERVER_ERROR");
    const code = PRECEDENCE.find((c) => codes.includes(c)) ?? codes[0];
    const err = errors[codes.indexOf(code)];
    if (code === "UNAUTHENTICATED") clearToken();
    throw new ApiError(code, err.message);
  }
  return body.data;
}

const STATUS_CODES = { 400: "BAD_USER_INPUT", 401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: "NOT_FOUND" };

/**
 * GETs one of the gateway's Marquez REST routes (/api/v1/...) with the signed-in user's token;
 * throws ApiError with the same codes as a GraphQL answer (the routes answer {error: {code, message}}).
 */
export async function rest(path, params = {}) {
  const token = getToken();
  if (!token) throw new ApiError("UNAUTHENTICATED", "Please sign in.");
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null));
  let res;
  try {
    res = await fetch(`/api/v1${path}${q.size ? `?${q}` : ""}`, { headers: { authorization: `Bearer ${token}` } });
  } catch {
    throw new ApiError("NETWORK", "The gateway cannot be reached.");
  }
  const body = await res.json().catch(() => null);
  if (res.ok && body) return body;
  const code = body?.error?.code ?? STATUS_CODES[res.status] ?? "INTERNAL";
  if (code === "UNAUTHENTICATED") clearToken();
  throw new ApiError(code, body?.error?.message ?? body?.message ?? `The gateway answered HTTP ${res.status}.`);
}

/** A Marquez path segment: namespaces are often URIs, so slashes and colons are encoded. */
export const seg = (s) => encodeURIComponent(s);
