import { parse, type ExecutionArgs } from "graphql";
import { describe, expect, it } from "vitest";
import { useStableDocument } from "../gateway/stable-document.js";

/** Runs the plugin's onExecute as the runtime does and returns the document the executor got. */
function executed(plugin: ReturnType<typeof useStableDocument>, text: string) {
  let seen: ExecutionArgs["document"] | undefined;
  let execute = (args: ExecutionArgs) => (seen = args.document);
  plugin.onExecute({ executeFn: execute, setExecuteFn: (fn) => (execute = fn as typeof execute) });
  execute({ document: parse(text) } as ExecutionArgs);
  return seen!;
}

describe("one document object per distinct operation (gateway/stable-document.ts)", () => {
  it("hands the executor the first document of a text for every later copy that prints alike", () => {
    const plugin = useStableDocument();
    const first = executed(plugin, "query T($id: ID!) { decisionTrace(decisionId: $id) { decision { id } } }");
    const again = executed(plugin, "query T($id: ID!) {\n  decisionTrace(decisionId: $id) { decision { id } }\n}");
    expect(again).toBe(first);
  });

  it("keeps a document with a field removed (as authorization does) apart from the whole one", () => {
    const plugin = useStableDocument();
    const whole = executed(plugin, "{ aiSystem(id: \"s\") { id name } }");
    const trimmed = executed(plugin, "{ aiSystem(id: \"s\") { id } }");
    expect(trimmed).not.toBe(whole);
    expect(trimmed.definitions[0]).toMatchObject({ selectionSet: { selections: [{ selectionSet: { selections: [{ name: { value: "id" } }] } }] } });
  });

  it("forgets what it held when the schema changes", () => {
    const plugin = useStableDocument();
    const before = executed(plugin, "{ aiSystems { id } }");
    plugin.onSchemaChange();
    expect(executed(plugin, "{ aiSystems { id } }")).not.toBe(before);
  });
});
