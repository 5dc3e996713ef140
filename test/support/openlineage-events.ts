/**
 * OpenLineage events shaped as the dbt, Spark and Airflow integrations emit them (spec 2-0-2),
 * with the facets those integrations send, standard and custom. Built from the spec, not
 * captured: names and values are made up per test.
 */
import { randomUUID } from "node:crypto";

type Obj = Record<string, any>;
const SCHEMA_URL = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
const facet = (producer: string, name: string, version = "1-0-1", extra: Obj = {}) => ({
  _producer: producer,
  _schemaURL: `https://openlineage.io/spec/facets/${version}/${name}.json#/$defs/${name}`,
  ...extra,
});
const custom = (producer: string, extra: Obj) => ({ _producer: producer, _schemaURL: `${producer}/facets/custom.json`, ...extra });

export const DBT_PRODUCER = "https://github.com/OpenLineage/OpenLineage/tree/1.24.2/integration/dbt";
export const SPARK_PRODUCER = "https://github.com/OpenLineage/OpenLineage/tree/1.24.2/integration/spark";
export const AIRFLOW_PRODUCER = "https://github.com/apache/airflow/tree/providers-openlineage/1.14.0";

const fields = (names: string[]) => names.map((name, i) => ({ name, type: i === 0 ? "integer" : "varchar", description: `${name} column` }));
const schema = (p: string, names: string[]) => facet(p, "SchemaDatasetFacet", "1-2-0", { fields: fields(names) });
const dataSource = (p: string, uri: string) => facet(p, "DatasourceDatasetFacet", "1-0-1", { name: uri, uri });

export interface DatasetRef {
  namespace: string;
  name: string;
}

/** A dbt model run: `dbt-ol run` sends START and COMPLETE per model, with the parent dbt run. */
export function dbtModelEvents(p: { project: string; model: string; inputs: DatasetRef[]; output: DatasetRef; runId?: string; at?: Date }) {
  const runId = p.runId ?? randomUUID();
  const parentRunId = randomUUID();
  const at = p.at ?? new Date("2026-03-01T06:00:00Z");
  const cols = ["order_id", "customer_id", "status"];
  const base = (eventType: string, time: Date): Obj => ({
    eventType,
    eventTime: time.toISOString(),
    producer: DBT_PRODUCER,
    schemaURL: SCHEMA_URL,
    run: {
      runId,
      facets: {
        parent: facet(DBT_PRODUCER, "ParentRunFacet", "1-2-0", { run: { runId: parentRunId }, job: { namespace: "dbt", name: `dbt-run-${p.project}` } }),
        processing_engine: facet(DBT_PRODUCER, "ProcessingEngineRunFacet", "1-1-1", { version: "1.8.2", name: "dbt", openlineageAdapterVersion: "1.24.2" }),
        dbt_version: custom(DBT_PRODUCER, { version: "1.8.2" }),
      },
    },
    job: {
      namespace: "dbt",
      name: `${p.project}.model.${p.project}.${p.model}`,
      facets: {
        sql: facet(DBT_PRODUCER, "SQLJobFacet", "1-1-0", { query: `select ${cols.join(", ")} from ${p.inputs.map((i) => i.name).join(" join ")}`, dialect: "postgres" }),
        jobType: facet(DBT_PRODUCER, "JobTypeJobFacet", "2-0-4", { processingType: "BATCH", integration: "DBT", jobType: "MODEL" }),
      },
    },
    inputs: p.inputs.map((i) => ({ ...i, facets: { dataSource: dataSource(DBT_PRODUCER, i.namespace), schema: schema(DBT_PRODUCER, cols) } })),
    outputs: [
      {
        ...p.output,
        facets: {
          dataSource: dataSource(DBT_PRODUCER, p.output.namespace),
          schema: schema(DBT_PRODUCER, cols),
          documentation: facet(DBT_PRODUCER, "DocumentationDatasetFacet", "1-1-0", { description: `the ${p.model} model` }),
          columnLineage: facet(DBT_PRODUCER, "ColumnLineageDatasetFacet", "1-2-0", {
            fields: Object.fromEntries(
              cols.map((c) => [c, { inputFields: [{ namespace: p.inputs[0].namespace, name: p.inputs[0].name, field: c, transformations: [{ type: "DIRECT", subtype: "IDENTITY" }] }] }]),
            ),
          }),
        },
        outputFacets: { outputStatistics: facet(DBT_PRODUCER, "OutputStatisticsOutputDatasetFacet", "1-0-2", { rowCount: 1200 }) },
      },
    ],
  });
  const start = base("START", at);
  const complete = base("COMPLETE", new Date(at.getTime() + 42_000));
  return { runId, parentRunId, start, complete };
}

/** A Spark job writing a Delta table: the Spark listener's facets, a `version` facet on the output. */
export function sparkEvent(p: { app: string; input: DatasetRef; output: DatasetRef; outputVersion: string; eventType?: string; runId?: string; at?: Date }) {
  const runId = p.runId ?? randomUUID();
  const cols = ["order_id", "amount", "currency"];
  return {
    runId,
    event: {
      eventType: p.eventType ?? "COMPLETE",
      eventTime: (p.at ?? new Date("2026-03-01T07:00:00Z")).toISOString(),
      producer: SPARK_PRODUCER,
      schemaURL: SCHEMA_URL,
      run: {
        runId,
        facets: {
          parent: facet(SPARK_PRODUCER, "ParentRunFacet", "1-2-0", { run: { runId: randomUUID() }, job: { namespace: "spark", name: p.app } }),
          processing_engine: facet(SPARK_PRODUCER, "ProcessingEngineRunFacet", "1-1-1", { version: "3.5.1", name: "spark", openlineageAdapterVersion: "1.24.2" }),
          spark_properties: custom(SPARK_PRODUCER, { properties: { "spark.master": "yarn", "spark.app.name": p.app } }),
        },
      },
      job: {
        namespace: "spark",
        name: `${p.app}.execute_insert_into_hadoop_fs_relation_command.${p.output.name.replace(/\W/g, "_")}`,
        facets: { jobType: facet(SPARK_PRODUCER, "JobTypeJobFacet", "2-0-4", { processingType: "BATCH", integration: "SPARK", jobType: "JOB" }) },
      },
      inputs: [
        {
          ...p.input,
          facets: {
            dataSource: dataSource(SPARK_PRODUCER, p.input.namespace),
            schema: schema(SPARK_PRODUCER, cols),
            symlinks: facet(SPARK_PRODUCER, "SymlinksDatasetFacet", "1-0-1", { identifiers: [{ namespace: "hive://metastore:9083", name: `raw.${p.input.name.split("/").pop()}`, type: "TABLE" }] }),
          },
          inputFacets: { inputStatistics: facet(SPARK_PRODUCER, "InputStatisticsInputDatasetFacet", "1-0-0", { rowCount: 5000, size: 81920 }) },
        },
      ],
      outputs: [
        {
          ...p.output,
          facets: {
            dataSource: dataSource(SPARK_PRODUCER, p.output.namespace),
            schema: schema(SPARK_PRODUCER, cols),
            version: facet(SPARK_PRODUCER, "DatasetVersionDatasetFacet", "1-0-1", { datasetVersion: p.outputVersion }),
            storage: facet(SPARK_PRODUCER, "StorageDatasetFacet", "1-0-1", { storageLayer: "delta", fileFormat: "parquet" }),
            lifecycleStateChange: facet(SPARK_PRODUCER, "LifecycleStateChangeDatasetFacet", "1-0-1", { lifecycleStateChange: "OVERWRITE" }),
            columnLineage: facet(SPARK_PRODUCER, "ColumnLineageDatasetFacet", "1-2-0", {
              fields: { amount: { inputFields: [{ ...p.input, field: "amount", transformations: [{ type: "DIRECT", subtype: "TRANSFORMATION", description: "amount * rate" }] }] } },
            }),
          },
          outputFacets: { outputStatistics: facet(SPARK_PRODUCER, "OutputStatisticsOutputDatasetFacet", "1-0-2", { rowCount: 4990, size: 65536 }) },
        },
      ],
    } as Obj,
  };
}

/** An Airflow task (the apache-airflow-providers-openlineage listener), optionally a training task with aiLineage. */
export function airflowTaskEvents(p: { dag: string; task: string; inputs: DatasetRef[]; outputs?: DatasetRef[]; aiLineage?: Obj; runId?: string; fail?: boolean }) {
  const runId = p.runId ?? randomUUID();
  const dagRunId = randomUUID();
  const runFacets = (terminal: boolean): Obj => ({
    nominalTime: facet(AIRFLOW_PRODUCER, "NominalTimeRunFacet", "1-0-1", { nominalStartTime: "2026-03-01T00:00:00Z", nominalEndTime: "2026-03-02T00:00:00Z" }),
    parent: facet(AIRFLOW_PRODUCER, "ParentRunFacet", "1-2-0", { run: { runId: dagRunId }, job: { namespace: "airflow", name: p.dag } }),
    processing_engine: facet(AIRFLOW_PRODUCER, "ProcessingEngineRunFacet", "1-1-1", { version: "2.10.3", name: "Airflow", openlineageAdapterVersion: "1.14.0" }),
    airflow: custom(AIRFLOW_PRODUCER, { dag: { dag_id: p.dag, schedule_interval: "@daily" }, task: { task_id: p.task, operator_class: "PythonOperator" } }),
    ...(p.aiLineage ? { aiLineage: { _producer: AIRFLOW_PRODUCER, _schemaURL: "https://ai-lineage.dev/openlineage/facets/1-0-0/aiLineage.json", ...p.aiLineage } } : {}),
    ...(terminal && p.fail ? { errorMessage: facet(AIRFLOW_PRODUCER, "ErrorMessageRunFacet", "1-0-1", { message: "CUDA out of memory", programmingLanguage: "python" }) } : {}),
  });
  const event = (eventType: string, time: string, terminal: boolean): Obj => ({
    eventType,
    eventTime: time,
    producer: AIRFLOW_PRODUCER,
    schemaURL: SCHEMA_URL,
    run: { runId, facets: runFacets(terminal) },
    job: {
      namespace: "airflow",
      name: `${p.dag}.${p.task}`,
      facets: {
        jobType: facet(AIRFLOW_PRODUCER, "JobTypeJobFacet", "2-0-4", { processingType: "BATCH", integration: "AIRFLOW", jobType: "TASK" }),
        ownership: facet(AIRFLOW_PRODUCER, "OwnershipJobFacet", "1-0-1", { owners: [{ name: "ml-platform", type: "team" }] }),
        sourceCodeLocation: facet(AIRFLOW_PRODUCER, "SourceCodeLocationJobFacet", "1-1-0", { type: "git", url: "https://git.example.com/ml/dags/blob/main/train.py" }),
      },
    },
    inputs: p.inputs.map((i) => ({ ...i })),
    outputs: (p.outputs ?? []).map((o) => ({ ...o })),
  });
  return {
    runId,
    start: event("START", "2026-03-01T08:00:00Z", false),
    end: event(p.fail ? "FAIL" : "COMPLETE", "2026-03-01T09:30:00Z", true),
  };
}
