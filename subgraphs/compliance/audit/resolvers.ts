import { CompactSign, compactVerify } from "jose";
import { Arg, Ctx as Context, Int, Query, Resolver } from "type-graphql";
import type { Ctx } from "../../../runtime/context.js";
import { badInput } from "../../../runtime/errors.js";
import { verificationKeys } from "../../../runtime/auth/verification-keys.js";
import { loadKey } from "../../../runtime/keys.js";
import { pageSize } from "../../../runtime/nodes.js";
import { DateTimeScalar } from "../../../runtime/scalars.js";
import { RequiresScope } from "../../../runtime/scopes.js";
import { listEvents, verifiedHead, verifyChain } from "./store.js";
import { AuditCheckpoint, AuditEvent, AuditIntegrity } from "./types.js";

const CHECKPOINT_TYP = "audit-checkpoint+jws";

/** Reads a checkpoint JWS signed by this service; anything else is BAD_USER_INPUT. */
async function readCheckpoint(jws: string): Promise<{ length: number; headHash: string }> {
  try {
    const { payload, protectedHeader } = await compactVerify(jws, (await verificationKeys("service")).getKey, { algorithms: ["EdDSA"] });
    if (protectedHeader.typ !== CHECKPOINT_TYP) throw new Error("typ");
    const body = JSON.parse(new TextDecoder().decode(payload)) as { length: number; headHash: string };
    if (!Number.isInteger(body.length) || body.length < 0 || typeof body.headHash !== "string") throw new Error("payload");
    return body;
  } catch {
    throw badInput("checkpoint", "is not an audit checkpoint signed by this service");
  }
}

@Resolver()
export class AuditResolver {
  @Query(() => AuditIntegrity, { description: "Recomputes the audit hash chain; with a checkpoint, also checks the log still extends it" })
  @RequiresScope("audit:read")
  async auditIntegrity(@Context() ctx: Ctx, @Arg("checkpoint", () => String, { nullable: true }) checkpoint?: string) {
    return verifyChain(ctx, checkpoint ? await readCheckpoint(checkpoint) : undefined);
  }

  @Query(() => [AuditEvent], { description: "Audit events in sequence order; page with first (default 50, max 500) and afterSeq" })
  @RequiresScope("audit:read")
  auditEvents(
    @Context() ctx: Ctx,
    @Arg("actor", () => String, { nullable: true }) actor?: string,
    @Arg("subject", () => String, { nullable: true }) subject?: string,
    @Arg("from", () => DateTimeScalar, { nullable: true }) from?: string,
    @Arg("to", () => DateTimeScalar, { nullable: true }) to?: string,
    @Arg("first", () => Int, { nullable: true, defaultValue: 50 }) first?: number,
    @Arg("afterSeq", () => Int, { nullable: true, defaultValue: 0 }) afterSeq?: number,
  ) {
    return listEvents(ctx, { actor, subject, from, to, first: pageSize(first), afterSeq: afterSeq ?? 0 });
  }

  @Query(() => AuditCheckpoint, { description: "The chain's head signed with the service key, once the chain up to it verifies (else CONFLICT naming the first broken event): keep it outside the database" })
  @RequiresScope("audit:read")
  async auditCheckpoint(@Context() ctx: Ctx) {
    const h = await verifiedHead(ctx);
    const at = new Date().toISOString();
    const key = await loadKey("service");
    const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify({ length: h.seq, headHash: h.hash, at })))
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: CHECKPOINT_TYP })
      .sign(key.privateKey);
    return { length: h.seq, headHash: h.hash, at, jws };
  }
}
