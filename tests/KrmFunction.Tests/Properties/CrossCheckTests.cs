using System.Diagnostics;
using System.Text.Json.Nodes;
using FsCheck.Fluent;
using KrmOtel.Tests.Support;
using KrmOtel.Yaml;

namespace KrmOtel.Tests.Properties;

/// <summary>
/// An independent reader agrees: PyYAML (YAML 1.1, merge keys, one python3 process for the whole batch) reads the
/// same objects from the input and from krm-otel's output of generated cases, comparing types strictly (a string
/// stays a string, an int an int, a bool a bool):
/// 1,000 streams with nothing to inject (identity); 1,000 instrumented workloads, whose every field krm-otel does not
/// own must come out the same although the object was re-written (injected); and those workloads opted out again
/// (reversed).
/// </summary>
public class CrossCheckTests
{
    private const int Cases = 1000;

    /// <summary>Set to a seed a failure printed to run that batch again.</summary>
    private static readonly ulong? Replay = null;

    [Fact]
    public async Task PyYAML_reads_the_same_objects_before_and_after_a_render()
    {
        var seed = Replay ?? (ulong)System.Random.Shared.NextInt64();
        var identity = PropertyArbitraries.IdentityGen.Sample(Cases, new FsCheck.Rnd(seed), 60).ToList();
        var workloads = PropertyArbitraries.WorkloadGen.Sample(Cases, new FsCheck.Rnd(seed + 1), 60).ToList();
        using var dir = new TempDir();
        var manifest = new JsonArray();
        for (var i = 0; i < identity.Count; i++)
        {
            var r = Krm.Run(identity[i].Text, "render", "-");
            Assert.True(r.Exit == 0, $"seed {seed}, identity case {i}: exit {r.Exit}\n{r.Stderr}\n{identity[i]}");
            manifest.Add(Entry(dir, $"identity-{i:D3}", "identity", identity[i].Text, r.Stdout));
        }
        for (var i = 0; i < workloads.Count; i++)
        {
            var c = workloads[i];
            var rendered = Harness.Render(c.Input(c.A), $"seed {seed}, workload case {i}");
            var entry = Entry(dir, $"injected-{i:D3}", "injected", c.Workload.Text, rendered);
            entry["kind"] = c.Kind;
            manifest.Add(entry);
            var optedOut = YamlWriter.Write(c.OptedOut((JsonObject)Harness.Parse(rendered)[0]!));
            var reversed = Harness.Render(c.A.Text + "---\n" + optedOut, $"seed {seed}, workload case {i} opted out");
            var back = Entry(dir, $"reversed-{i:D3}", "reversed", c.Workload.Text, reversed);
            back["kind"] = c.Kind;
            back["keys"] = new JsonArray([.. c.InjectKeys.Select(k => (JsonNode)k)]);
            back["false"] = c.OptOutWithFalse;
            manifest.Add(back);
        }
        File.WriteAllText(dir["manifest.json"], manifest.ToJsonString());

        var psi = new ProcessStartInfo("python3", ["-c", Compare, dir["manifest.json"]]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, $"seed {seed} (set CrossCheckTests.Replay to it to run this batch again):\n{stdout}{await stderr}");
    }

    private static JsonObject Entry(TempDir dir, string name, string type, string input, string output)
    {
        File.WriteAllText(dir[name + ".in.yaml"], input);
        File.WriteAllText(dir[name + ".out.yaml"], output);
        return new JsonObject { ["type"] = type, ["input"] = dir[name + ".in.yaml"], ["output"] = dir[name + ".out.yaml"] };
    }

    // strict: bool is not int, int is not float; "injected" compares everything krm-otel does not own
    private const string Compare = """
        import sys, json, yaml

        Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built with it: same results, faster

        def same(a, b, path):
            if type(a) is not type(b):
                return f"{path}: {type(a).__name__} {a!r} != {type(b).__name__} {b!r}"
            if isinstance(a, dict):
                if set(a) != set(b):
                    return f"{path}: keys only in input {sorted(map(repr, set(a) - set(b)))}, only in output {sorted(map(repr, set(b) - set(a)))}"
                for k in a:
                    r = same(a[k], b[k], f"{path}.{k}")
                    if r:
                        return r
                return None
            if isinstance(a, list):
                if len(a) != len(b):
                    return f"{path}: {len(a)} items != {len(b)}"
                for i, (x, y) in enumerate(zip(a, b)):
                    r = same(x, y, f"{path}[{i}]")
                    if r:
                        return r
                return None
            return None if a == b else f"{path}: {a!r} != {b!r}"

        def template(obj, kind):
            if kind == "Pod":
                return obj
            if kind == "CronJob":
                return obj["spec"]["jobTemplate"]["spec"]["template"]
            return obj["spec"]["template"]

        def by_name(items):
            return {c.get("name"): c for c in (items or []) if isinstance(c, dict)}

        def owned_removed(a, b, kind):
            # what krm-otel may add or change: its record, the pod lists it extends, shareProcessNamespace
            ann = (b.get("metadata") or {}).get("annotations")
            if isinstance(ann, dict):
                ann.pop("krm-otel.dev/injected", None)
                mine = a.get("metadata") or {}
                if not ann and "annotations" not in mine:
                    del b["metadata"]["annotations"]
                elif not ann and mine["annotations"] is None:
                    b["metadata"]["annotations"] = None  # the record needed a map where the input had a null
            sa, sb = template(a, kind)["spec"], template(b, kind)["spec"]
            for key in ("containers", "initContainers"):
                mine, theirs = by_name(sa.get(key)), by_name(sb.get(key))
                for name, c in mine.items():
                    if name not in theirs:
                        return f"{key} {name!r} lost"
                    for field in set(c) | set(theirs[name]):
                        if field in ("env", "volumeMounts"):
                            continue
                        r = same(c.get(field), theirs[name].get(field), f"{key}[{name}].{field}")
                        if r:
                            return r
                    env_b = [e for e in theirs[name].get("env") or [] if isinstance(e, dict)]
                    for e in c.get("env") or []:
                        found = [x for x in env_b if x.get("name") == e.get("name")]
                        if not found:
                            return f"{key}[{name}].env {e.get('name')!r} lost"
                        if "valueFrom" in e and not any(same(e["valueFrom"], x.get("valueFrom"), "") is None for x in found):
                            return f"{key}[{name}].env {e.get('name')!r}: valueFrom {e['valueFrom']!r} lost"
                    for m in c.get("volumeMounts") or []:
                        if m not in (theirs[name].get("volumeMounts") or []):
                            return f"{key}[{name}].volumeMounts: {m!r} lost"
            for v in sa.get("volumes") or []:
                if v not in (sb.get("volumes") or []):
                    return f"volumes: {v!r} lost"
            for key in ("containers", "initContainers", "volumes", "shareProcessNamespace"):
                sa.pop(key, None)
                sb.pop(key, None)
            return None

        def opt_out(obj, kind, keys, false):
            meta = template(obj, kind).get("metadata") or {}
            ann = meta.get("annotations")
            for key in keys:
                if isinstance(ann, dict) and key in ann:
                    if false:
                        ann[key] = "false"
                    else:
                        del ann[key]

        failures = []
        entries = json.load(open(sys.argv[1]))
        for e in entries:
            try:
                a = [d for d in yaml.load_all(open(e["input"], encoding="utf-8"), Loader=Loader) if d is not None]
                b = [d for d in yaml.load_all(open(e["output"], encoding="utf-8"), Loader=Loader) if d is not None]
            except yaml.YAMLError as x:
                failures.append(f"{e['type']} {e['input']} -> {e['output']}: PyYAML cannot read one of them: {x}\n--- input:\n{open(e['input'], encoding='utf-8').read()}--- output:\n{open(e['output'], encoding='utf-8').read()}")
                continue
            if e["type"] == "identity":
                r = f"{len(a)} documents in, {len(b)} out" if len(a) != len(b) else next((m for m in (same(x, y, f"document {i}") for i, (x, y) in enumerate(zip(a, b))) if m), None)
            elif e["type"] == "injected":
                r = owned_removed(a[0], b[0], e["kind"]) or same(a[0], b[0], "workload")
            else:
                opt_out(a[0], e["kind"], e["keys"], e["false"])
                r = same(a[0], b[0], "workload")
            if r:
                failures.append(f"{e['type']} {e['input']} -> {e['output']}: {r}\n--- input:\n{open(e['input'], encoding='utf-8').read()}--- output:\n{open(e['output'], encoding='utf-8').read()}")
        print(f"{len(entries)} comparisons, {len(failures)} failed")
        for f in failures[:3]:
            print(f)
        sys.exit(1 if failures else 0)
        """;
}
