import { setToken, startOidc } from "../auth.js";
import { h, show } from "../dom.js";

/** Sign-in: paste a token (local stacks) and/or one button per configured OpenID provider. */
export function signinView(settings, message, done) {
  const parts = [h("h1", {}, "Sign in")];
  if (message) parts.push(h("p", { class: "error", role: "alert" }, message));
  if (settings.pasteToken) {
    const area = h("textarea", { id: "token", name: "token", rows: 4, required: true, spellcheck: "false", autocomplete: "off" });
    parts.push(
      h("form", {
        class: "card",
        onsubmit: (e) => {
          e.preventDefault();
          setToken(area.value);
          done();
        },
      },
        h("label", { for: "token" }, "Access token (a JWT)"),
        area,
        h("p", { class: "hint" }, "On a local stack: ", h("code", {}, 'npm run --silent token -- --sub you --scopes "lineage:read reports:read audit:read"')),
        h("button", { type: "submit" }, "Sign in with this token"),
      ),
    );
  }
  for (const p of settings.oidc) {
    parts.push(h("p", {}, h("button", { type: "button", class: "oidc", onclick: () => startOidc(p, sessionStorage.getItem("explorer.return") || "#/").catch((err) => signinView(settings, err.message, done)) }, `Sign in with ${p.name}`)));
  }
  show(parts);
}
