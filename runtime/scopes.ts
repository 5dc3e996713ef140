import { Authorized, Directive, type AuthChecker } from "type-graphql";
import { hasScope, type Scope } from "./auth/caller.js";
import type { Ctx } from "./context.js";
import { forbidden } from "./errors.js";

/**
 * Requires a scope on a root field: declared with Federation's `@requiresScopes` (enforced by
 * the gateway) and checked again in the subgraph (defence in depth). `admin` satisfies any scope.
 */
export function RequiresScope(scope: Scope): MethodDecorator & PropertyDecorator {
  const directive = scope === "admin" ? `@requiresScopes(scopes: [["admin"]])` : `@requiresScopes(scopes: [["${scope}"], ["admin"]])`;
  // type-graphql's decorators work on methods (with a descriptor) and on properties (without).
  const apply = (decorator: MethodDecorator & PropertyDecorator, target: object, key: string | symbol, descriptor?: PropertyDescriptor) =>
    descriptor ? decorator(target, key, descriptor) : decorator(target, key);
  return (target: object, key: string | symbol, descriptor?: PropertyDescriptor) => {
    apply(Directive(directive), target, key, descriptor);
    apply(Authorized(scope), target, key, descriptor);
  };
}

export const authChecker: AuthChecker<Ctx> = ({ context }, roles) => {
  for (const scope of roles) {
    if (!hasScope(context.caller, scope as Scope)) throw forbidden(`this operation requires the scope ${scope}`);
  }
  return true;
};
