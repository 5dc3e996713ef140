/**
 * Events exactly as the OpenLineage Python client's own tests build them (client/python tests:
 * `RunEvent(RunState.START, "2021-11-03T10:53:52.427343", Run("69f4acab-..."), Job("openlineage",
 * "job"), "producer")`): an eventTime with no UTC offset and a producer that is not a URI. Both
 * are `format` deviations the spec's validators do not assert.
 */
export const pythonClientEvent = (runId = "69f4acab-b87d-4fc0-b27b-8ea950370ff3", namespace = "openlineage") => ({
  eventTime: "2021-11-03T10:53:52.427343",
  eventType: "START",
  inputs: [] as unknown[],
  job: { facets: {}, name: "job", namespace },
  outputs: [] as unknown[],
  producer: "producer",
  run: { facets: {} as Record<string, unknown>, runId },
  schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
});
