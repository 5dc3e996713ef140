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
