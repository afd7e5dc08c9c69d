#!/usr/bin/env node
// validate-k8s.mjs — check every object of YAML streams against the Kubernetes OpenAPI schema of its kind, with the
// validators the npm package kubernetes-models compiles from that schema (ajv), plus @kubernetes-models/prometheus-operator
// (ServiceMonitor, PodMonitor) and @kubernetes-models/argo-rollouts (Rollout) for the CRDs krm-otel writes or injects into.
//   node tests/tools/validate-k8s.mjs [--unchecked APIVERSION/KIND]... FILE...    (FILE - is stdin)
// Modules come from $KRM_OTEL_NODE_MODULES, else <repo>/.tools/node_modules:
//   npm install --prefix .tools kubernetes-models@5.1.0 @kubernetes-models/prometheus-operator@6.0.0 \
//     @kubernetes-models/argo-rollouts@2.0.0 js-yaml@5.5.0
// YAML is read as Kubernetes reads it (YAML 1.1 scalars: yes/on are booleans, 0777 is octal; timestamps stay strings).
// Objects marked config.kubernetes.io/local-config: "true" never reach a cluster and are not checked.
// Prints one line per invalid object (FILE#DOC apiVersion kind namespace/name: /pointer message; ...), then
// "checked N objects: Kind count, ...; M invalid; L local-config" and exits 1 on any invalid object or any object whose kind has no schema here
// and is not named by --unchecked (an input item the render passes through, not something it generates); 2 on usage.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const modules = process.env.KRM_OTEL_NODE_MODULES || join(dirname(fileURLToPath(import.meta.url)), "..", "..", ".tools", "node_modules");
const PACKAGES = ["kubernetes-models", "@kubernetes-models/prometheus-operator", "@kubernetes-models/argo-rollouts"];

function usage(message) {
  console.error(`validate-k8s: ${message}`);
  process.exit(2);
}

async function load(name) {
  try {
    return await import(pathToFileURL(join(modules, name, ...(name === "js-yaml" ? ["dist", "js-yaml.mjs"] : ["index.js"]))).href);
  } catch (e) {
    usage(`cannot load ${name} from ${modules} (${e.code ?? e.message}); install it with npm install --prefix .tools`);
  }
}

// "./apps/v1" → the file exporting that group version's classes, for every package
function groupVersions() {
  const files = new Map();
  for (const pkg of PACKAGES) {
    const exports = JSON.parse(readFileSync(join(modules, pkg, "package.json"), "utf8")).exports;
    for (const [key, target] of Object.entries(exports)) {
      if (/^\.\/([a-z0-9.-]+\/)?v\d+((alpha|beta)\d+)?$/.test(key))
        files.set(key.slice(2), join(modules, pkg, target.import ?? target.default ?? target));
    }
  }
  return files;
}

const files = groupVersions();
const classes = new Map(); // "apps/v1" → Map(kind → class), loaded when first seen
async function schemaFor(apiVersion, kind) {
  if (!classes.has(apiVersion)) {
    const kinds = new Map();
    if (files.has(apiVersion)) {
      for (const value of Object.values(await import(pathToFileURL(files.get(apiVersion)).href))) {
        if (typeof value === "function" && value.apiVersion === apiVersion && typeof value.kind === "string")
          kinds.set(value.kind, value);
      }
    }
    classes.set(apiVersion, kinds);
  }
  return classes.get(apiVersion).get(kind);
}

const unchecked = new Set();
const inputs = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--unchecked") {
    if (i + 1 >= args.length) usage("--unchecked needs APIVERSION/KIND");
    unchecked.add(args[++i]);
  } else inputs.push(args[i]);
}
if (inputs.length === 0) usage("usage: validate-k8s.mjs [--unchecked APIVERSION/KIND]... FILE...");

const yaml = await load("js-yaml");
const schema = new yaml.Schema(yaml.YAML11_SCHEMA.tags.filter((t) => t !== yaml.timestampTag));

const counts = new Map();
let failures = 0;
let localConfig = 0;
for (const input of inputs) {
  const text = readFileSync(input === "-" ? 0 : input, "utf8");
  let docs;
  try {
    docs = yaml.loadAll(text, { schema });
  } catch (e) {
    console.log(`${input}: not YAML: ${e.message}`);
    failures++;
    continue;
  }
  for (const [index, doc] of docs.entries()) {
    if (doc === null || doc === undefined) continue;
    if (String(doc?.metadata?.annotations?.["config.kubernetes.io/local-config"]).toLowerCase() === "true") {
      localConfig++;
      continue;
    }
    const where = `${input}#${index}`;
    const { apiVersion, kind, metadata } = doc;
    const id = `${where} ${apiVersion} ${kind} ${metadata?.namespace ?? ""}/${metadata?.name ?? ""}`;
    const errors = await check(doc);
    if (errors.length > 0) {
      console.log(`${id}: ${errors.join("; ")}`);
      failures++;
    }
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
}

async function check(doc) {
  if (typeof doc !== "object" || Array.isArray(doc)) return ["not an object"];
  if (typeof doc.apiVersion !== "string" || typeof doc.kind !== "string") return ["no apiVersion or kind"];
  const model = await schemaFor(doc.apiVersion, doc.kind);
  if (!model)
    return unchecked.has(`${doc.apiVersion}/${doc.kind}`) ? [] : [`no schema for ${doc.apiVersion}/${doc.kind} in ${PACKAGES.join(", ")}`];
  try {
    new model(doc).validate();
    return [];
  } catch (e) {
    return e.errors?.map((x) => `${x.instancePath || "/"} ${x.message}`) ?? [e.message];
  }
}

const summary = [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, n]) => `${k} ${n}`).join(", ");
console.log(`checked ${[...counts.values()].reduce((a, b) => a + b, 0)} objects: ${summary}; ${failures} invalid; ${localConfig} local-config`);
process.exit(failures > 0 ? 1 : 0);
