/**
 * The Kubernetes recipe (k8s/, docs/scale-out.md): both manifests validate against the Kubernetes
 * schema (kubernetes-models, generated from the Kubernetes OpenAPI definitions), agree with themselves
 * (completions = N, CPU request = WORKERS, retries only for real failures), and their commands, run
 * locally for every completion index, write shards whose merge is the one-process report.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Job } from "kubernetes-models/batch/v1/Job";
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { afterAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { REPO_ROOT } from "../helpers/paths.js";
import { buildMissing, makeSandbox, runShell } from "../helpers/sandbox.js";

interface Container {
  name: string;
  command: string[];
  args: string[];
  env?: Array<{ name: string; value: string }>;
  resources: { requests: { cpu: string } };
  workingDir: string;
}

function manifests(file: string): Array<Record<string, unknown>> {
  const docs = parseAllDocuments(readFileSync(join(REPO_ROOT, "k8s", file), "utf8"));
  return (Array.isArray(docs) ? docs : [docs]).map((d) => {
    expect(d.errors).toEqual([]);
    return d.toJS() as Record<string, unknown>;
  });
}

function validate(doc: Record<string, unknown>): void {
  const kind = `${doc.apiVersion}/${doc.kind}`;
  if (kind === "batch/v1/Job") new Job(doc as never).validate();
  else if (kind === "v1/PersistentVolumeClaim") new PersistentVolumeClaim(doc as never).validate();
  else throw new Error(`no schema for ${kind}`);
}

type JobDoc = {
  spec: {
    completions?: number;
    completionMode?: string;
    podFailurePolicy: { rules: Array<{ action: string; onExitCodes?: { values: number[] } }> };
    template: {
      spec: {
        restartPolicy: string;
        securityContext?: { runAsUser?: number; fsGroup?: number };
        containers: Container[];
      };
    };
  };
};

const shards = manifests("shards-job.yaml");
const merge = manifests("merge-job.yaml");
const shardJob = shards.find((d) => d.kind === "Job") as unknown as JobDoc;
const mergeJob = merge.find((d) => d.kind === "Job") as unknown as JobDoc;

describe("k8s manifests", () => {
  it("validate against the Kubernetes schema (and an invalid one does not)", () => {
    for (const d of [...shards, ...merge]) validate(d);
    const bad = structuredClone(shardJob) as unknown as Record<string, unknown>;
    (bad as unknown as JobDoc).spec.podFailurePolicy.rules[0]!.action = "RetryForever";
    expect(() => validate({ apiVersion: "batch/v1", kind: "Job", ...bad })).toThrow();
    const noImage = structuredClone(mergeJob) as unknown as JobDoc;
    (noImage.spec.template.spec.containers[0] as unknown as Record<string, unknown>).image = 42;
    expect(() => validate({ ...(noImage as unknown as Record<string, unknown>) })).toThrow();
  });

  it("agree with themselves: N = completions, cpu = WORKERS, exit 2 fails the Job, never restarted in place", () => {
    const c = shardJob.spec.template.spec.containers[0]!;
    const env = Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value]));
    expect(shardJob.spec.completionMode).toBe("Indexed");
    expect(Number(env.N)).toBe(shardJob.spec.completions);
    expect(c.resources.requests.cpu).toBe(env.WORKERS);
    for (const job of [shardJob, mergeJob]) {
      expect(job.spec.template.spec.restartPolicy).toBe("Never");
      // the Dockerfile's USER node is uid 1000: the pod runs as it, and the volume is made writable to it
      expect(job.spec.template.spec.securityContext).toMatchObject({ runAsUser: 1000, fsGroup: 1000 });
      const fail = job.spec.podFailurePolicy.rules.find((r) => r.action === "FailJob");
      expect(fail?.onExitCodes?.values).toEqual([2]);
    }
  });
});

describe("k8s commands, run locally for every index", () => {
  const why = buildMissing();
  const box = why === undefined ? makeSandbox("k8s") : undefined;
  afterAll(() => box?.remove());

  it.skipIf(why !== undefined)(
    `shards 0..N-1 then the merge give the one-process report${why ? ` (skipped: ${why})` : ""}`,
    () => {
      const c = shardJob.spec.template.spec.containers[0]!;
      expect(c.command).toEqual(["sh", "-c"]);
      // the manifest's values, with a small instance count (the command itself is run as written)
      const env: Record<string, string> = {
        ...Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value])),
        INSTANCES: "300",
      };
      const n = shardJob.spec.completions!;
      const sb = box!;
      for (let i = n - 1; i >= 0; i--) {
        const r = runShell(c.args[0]!, {
          ...sb,
          env: { ...sb.env, ...env, JOB_COMPLETION_INDEX: String(i) },
        });
        expect(r.stdout, `index ${i}`).toContain(`shard-${i + 1}-of-${n}.json`);
        expect(r.status, r.stderr).toBe(0);
      }
      const m = mergeJob.spec.template.spec.containers[0]!;
      const merged = runShell(m.args[0]!, sb);
      expect(merged.status, merged.stderr).toBe(0);
      const one = runShell(`modelmarket check --instances ${env.INSTANCES} --json`, sb);
      expect(readFileSync(join(sb.dir, "check.json"), "utf8")).toBe(one.stdout);
    },
  );
});
