#!/usr/bin/env python3
"""mwaa-trigger's benchmark: the Java command-line tool and functions against the MWAA user guide's
boto3 + requests script, over loopback HTTPS against the embedded MWAA emulator (no AWS).

1. Cold job: a fresh process per trigger, `bin/mwaa-trigger trigger ...` (as the README says to run it)
   against `python3 bench/guide_trigger.py ...`, and `java -jar tools/target/mwaa-trigger.jar trigger ...` (the
   same without the launcher's JVM options and class-data archive), in rotating order; wall time, CPU time
   and peak RSS per process.
2. Warm trigger: triggers in one process after a warm-up (bench/WarmTriggers.java, the production object
   graph, against bench/guide_trigger_loop.py), with the requests each trigger made to each endpoint.
3. Package: what `sam build` deploys for a function (target/classes plus the runtime jars), zipped,
   against the floor of the dependencies the project must have.
4. Cold path detail: classes loaded, CPU time and peak RSS of the cold job.
5. Burst: many triggers at once at an emulator with a small CLI concurrency cap and slow commands.

Run it with bench/run. Prints a Markdown report and writes it to bench/results/latest.md; with --readme it also
writes the Lambda-like section between the bench-lambda markers and the rest between the bench markers of README.md
and bench/README.md.
"""
import argparse
import itertools
import json
import os
import platform
import shlex
import shutil
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from collections import namedtuple
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JAR = ROOT / "tools" / "target" / "mwaa-trigger.jar"
LAUNCHER = ROOT / "bin" / "mwaa-trigger"
DAG = "example_dag"
# The floor: the jars a function needs at a minimum (the SDK's `mwaa` client with `url-connection-client`,
# Lambda core and events, joda-time, and what they pull in), i.e. every runtime jar but these two, which the
# project adds by choice (SDK logging to java.util.logging, SnapStart hooks). Anything beyond is extra.
FLOOR_EXCLUDES = ("slf4j-jdk14", "org-crac", "jackson-core")
SIDES = ("java", "python", "java_jar")
LAMBDA_FUNCTIONS = ("S3UploadFunction", "ScheduleFunction", "ApiFunction")
MARKERS = {"lambda": ("<!-- bench-lambda:start -->", "<!-- bench-lambda:end -->"),
           "rest": ("<!-- bench:start -->", "<!-- bench:end -->")}
Run = namedtuple("Run", "wall cpu rss out")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=20, help="cold runs of each side (at least 15)")
    parser.add_argument("--warm-triggers", type=int, default=200)
    parser.add_argument("--warm-up", type=int, default=30)
    parser.add_argument("--burst", type=int, default=50)
    parser.add_argument("--transport", choices=("cli", "rest"), default="cli",
                        help="how the Java sides reach Airflow (MWAA_TRANSPORT); the Python guide script always "
                             "uses a CLI token")
    parser.add_argument("--lambda", dest="lambda_only", action="store_true",
                        help="run only the Lambda-like benchmark (section 0)")
    parser.add_argument("--skip-lambda", action="store_true",
                        help="run every section but the Lambda-like one (to rerun the command-line tool's figures)")
    parser.add_argument("--lambda-rounds", type=int, default=10, help="interleaved rounds of the Lambda-like benchmark")
    parser.add_argument("--lambda-warm", type=int, default=20, help="warm invocations per Lambda-like process")
    parser.add_argument("--readme", action="store_true",
                        help="also put the results into README.md and bench/README.md, between their markers")
    args = parser.parse_args()
    if args.samples < 15:
        parser.error("--samples must be at least 15")
    if args.lambda_rounds < 5:
        parser.error("--lambda-rounds must be at least 5")
    work = Path(tempfile.mkdtemp(prefix="mwaa-trigger-bench-"))
    header = machine(args.transport)
    if args.lambda_only and args.skip_lambda:
        parser.error("--lambda and --skip-lambda exclude each other")
    sections = {} if args.skip_lambda else {"lambda": lambda_like(work, args.lambda_rounds, args.lambda_warm)}
    if not args.lambda_only:
        emulator, exports = start_emulator(work)
        try:
            env = dict(client_environment(exports, work), MWAA_TRANSPORT=args.transport)
            cold = cold_jobs(env, exports, args.samples)
            cold_detail = cold_path(env, cold)
            warm_report = warm(env, exports, args.warm_up, args.warm_triggers)
        finally:
            emulator.terminate()
            emulator.wait(10)
        sections["rest"] = "\n".join([cold_table(cold), warm_report, package(work), cold_detail,
                                      burst(args.burst, args.transport)])
    text = "\n".join([header, *sections.values()])
    print(text)
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / ("lambda.md" if args.lambda_only else "latest.md")).write_text(text)
    if args.readme:
        for document in (ROOT / "README.md", ROOT / "bench" / "README.md"):
            for name, section in sections.items():
                update_between_markers(document, MARKERS[name], header, section)


def update_between_markers(document, markers, header, section):
    """Replaces what stands between the two markers in document with the machine line and section."""
    content = document.read_text()
    start, end = markers
    if start not in content or end not in content:
        raise SystemExit(f"{document.name} has no {start} / {end} markers")
    body = (header + "\n" + section).replace("\n## ", "\n#### ").replace("# mwaa-trigger benchmark, ", "Run: ", 1)
    before, rest = content.split(start, 1)
    document.write_text(before + start + "\n" + body + "\n" + end + rest.split(end, 1)[1])


def lambda_like(work, rounds, warm):
    """Section 0: runs bench/LambdaRuntimes.java over a task root laid out as `sam build` lays out a function
    (target/classes at the top, the runtime jars in lib/) and formats what it measured."""
    task = work / "task"
    shutil.copytree(ROOT / "target" / "classes", task)
    subprocess.run(["mvn", "-B", "-q", "dependency:copy-dependencies", "-DincludeScope=runtime",
                    f"-DoutputDirectory={task / 'lib'}"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    output = subprocess.run(["java", "-cp", str(JAR), str(ROOT / "bench" / "LambdaRuntimes.java"), str(task),
                             str(ROOT / "tools" / "target" / "lambda-runtime"), str(rounds), str(warm)],
                            cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True).stdout
    return lambda_report(json.loads(output))


def lambda_report(result):
    samples, python = result["samples"], result["samples"]["python"]

    def values(side, key):
        if key == "init_first_ms":
            return [s["init_ms"] + s["first_ms"] for s in samples[side]]
        return [s[key] for s in samples[side]]

    def cell(side, key, unit="ms", digits=0):
        data = sorted(values(side, key))
        q = statistics.quantiles(data, n=4)
        return f"{statistics.median(data):.{digits}f} {unit} ({q[0]:.{digits}f}-{q[2]:.{digits}f})"

    def ratio(java_side, key, python_key=None):
        java, py = values(java_side, key), values("python", python_key or key)
        paired = sorted(j / p for j, p in zip(java, py))
        q = statistics.quantiles(paired, n=4)
        halves = [statistics.median(java[h::2]) / statistics.median(py[h::2]) for h in (0, 1)]
        return (statistics.median(java) / statistics.median(py), statistics.median(paired), q[0], q[2], halves)

    def ratio_cell(r, target):
        verdict = "met" if r[0] <= target else "**not met**"
        return (f"**{r[0]:.2f}** (paired {r[1]:.2f}, IQR {r[2]:.2f}-{r[3]:.2f}; odd/even rounds "
                f"{r[4][0]:.2f}/{r[4][1]:.2f}) {verdict}")

    rows, ratio_rows, class_rows = [], [], []
    labels = {"S3UploadFunction": "upload (`S3UploadFunction`)", "ScheduleFunction": "schedule (`ScheduleFunction`)",
              "ApiFunction": "API (`ApiFunction`)"}
    for function in LAMBDA_FUNCTIONS:
        for mode, title in (("cold", "on-demand init"), ("primed", "SnapStart-primed init")):
            side = f"{function} {mode}"
            rows.append(f"| {labels[function]}, {title} | {cell(side, 'init_ms')} | {cell(side, 'first_ms')} | "
                        f"{cell(side, 'init_first_ms')} | {cell(side, 'warm_ms', digits=1)} | "
                        f"{cell(side, 'rss_mib', 'MiB')} | {cell(side, 'cpu_ms')} |")
            classes = result["classes"][side]
            origins = ", ".join(f"{name} {count}" for name, count in
                                sorted(classes["first_by_origin"].items(), key=lambda item: -item[1]))
            class_rows.append(f"| {labels[function]}, {title} | {classes['init']} | {classes['first']} | {origins} |")
        cold, primed = f"{function} cold", f"{function} primed"
        ratio_rows.append(f"| {labels[function]} | {ratio_cell(ratio(cold, 'init_first_ms'), 2.0)} | "
                          f"{ratio_cell(ratio(primed, 'first_ms'), 3.0)} | "
                          f"{ratio_cell(ratio(cold, 'warm_ms'), 1.0)} | "
                          f"{ratio_cell(ratio(cold, 'rss_mib'), 2.0)} | {ratio_cell(ratio(primed, 'rss_mib'), 2.0)} |")
    rows.append(f"| Python: the MWAA guide's Lambda function | {cell('python', 'init_ms')} | {cell('python', 'first_ms')} | "
                f"{cell('python', 'init_first_ms')} | {cell('python', 'warm_ms', digits=1)} | "
                f"{cell('python', 'rss_mib', 'MiB')} | {cell('python', 'cpu_ms')} |")
    return "\n".join([
        "## 0. Lambda-like: the functions run as Lambda runs them", "",
        f"Method: {result['rounds']} rounds after one discarded warm-up round; each round starts, in an order that "
        "rotates and reverses from round to round, a fresh process for each of the seven rows below, as one Lambda "
        "execution environment each, and sends it a first event and then "
        f"{result['warm']} more, one at a time; each event starts a new DAG run on the embedded MWAA emulator "
        "(Airflow 2.10.3, over loopback HTTPS), checked by counting its runs. The Java functions run under Lambda's "
        "Java runtime interface client 2.10.1 (`AWSLambda <Handler>`) with the options the managed runtime passes "
        f"its JVM (heap at 85% of {result['memory_mb']} MB, serial collector, C1 only, org.crac pointed at the "
        f"runtime client), `-XX:MaxRAM={result['memory_mb']}m` for the execution environment's memory, the "
        f"template's `JAVA_TOOL_OPTIONS` (`{result['java_tool_options']}`) and the template's environment "
        "(`AirflowVersion=2.10.3`), from a task root laid out as `sam build` lays out the function (`target/classes`, "
        "the runtime jars in `lib/`). The SnapStart-primed rows start with `AWS_LAMBDA_INITIALIZATION_TYPE=snap-start`, "
        "so the runtime client runs the functions' priming after init and then waits at `/restore/next`, as Lambda "
        "does before taking the snapshot (no snapshot is taken: the first invocation after it is what a restored "
        "environment starts with). The Python row is the MWAA guide's Lambda function "
        "(`bench/guide_lambda_function.py`: boto3 `create_cli_token`, then one POST with `http.client`) under a "
        "stand-in for the Python runtime's loop (`bench/lambda_python_runtime.py`). Both trust the system's CA certificates "
        "plus the emulator's CA. Init: from fork to the first `/invocation/next`; first invocation: from the Runtime "
        "API handing out the first event to the result arriving (likewise each warm invocation, whose median per "
        "process is taken); peak RSS: `VmHWM` after the last invocation; CPU: user + system time of the process by "
        "then. Each cell: median over the rounds (IQR).", "",
        "| function, init | init | first invocation | init + first | warm invocation | peak RSS | CPU |",
        "|---|---|---|---|---|---|---|", *rows, "",
        "Java / Python, the ratio of the medians (the median and IQR of the per-round ratios; the ratio of the medians "
        "of the odd and of the even rounds, two halves of the run, as a rerun check), against the targets:", "",
        "| function | init + first, on-demand (target at most 2.0) | first invocation after a primed init (at most 3) | "
        "warm invocation (at most 1) | peak RSS, on-demand (at most 2) | peak RSS, primed (at most 2) |",
        "|---|---|---|---|---|---|", *ratio_rows, "",
        "Classes loaded (one more process per row, with `-Xlog:class+load`, read at the end of init and at the end "
        "of the first invocation), and where the first invocation's come from:", "",
        "| function, init | by the end of init | by the end of the first invocation | the first invocation's, by origin |",
        "|---|---|---|---|", *class_rows, ""])


def start_emulator(work):
    process = subprocess.Popen(["java", "-jar", str(JAR), "emulator", "--dags", DAG, "--state-dir", str(work)],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    exports = {}
    for line in process.stdout:
        line = line.strip()
        if line == "READY":
            return process, exports
        if line.startswith("export "):
            name, _, value = line[len("export "):].partition("=")
            exports[name] = shlex.split(value)[0]
    raise SystemExit("the emulator did not start")


def client_environment(exports, work):
    home = work / "home"
    home.mkdir()
    empty = home / "empty"
    empty.write_text("")
    env = {"PATH": os.environ["PATH"], "HOME": str(home), "REQUESTS_CA_BUNDLE": exports["MWAA_CA_PEM"],
           "AWS_CONFIG_FILE": str(empty), "AWS_SHARED_CREDENTIALS_FILE": str(empty), "LANG": "C.UTF-8"}
    for name in ("JAVA_HOME", "PYENV_ROOT"):
        if name in os.environ:
            env[name] = os.environ[name]
    env.update(exports)
    return env


def measure(command, env):
    """Runs command; returns a Run: wall seconds, CPU seconds (user + sys, from the process's rusage),
    peak RSS in MiB, and its stdout. Fails loudly if it fails."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            err.seek(0)
            raise SystemExit(f"{command} failed: {err.read().decode()}")
        out.seek(0)
        return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out.read().decode())


def stats(exports):
    context = ssl.create_default_context(cafile=exports["MWAA_CA_PEM"])
    with urllib.request.urlopen(exports["AWS_ENDPOINT_URL_MWAA"] + "/_emulator/stats", context=context) as answer:
        return json.load(answer)


def cold_jobs(env, exports, samples):
    trigger = ["trigger", DAG, "--conf", '{"source": "bench"}']
    java = [str(LAUNCHER), *trigger]
    java_jar = [os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else "java",
                "-jar", str(JAR), *trigger]

    def python(run):
        # The guide's bare `dags trigger` lets Airflow derive the run id from the second, so two triggers in
        # one second collide (DagRunAlreadyExists); a unique run id with microseconds keeps each run new.
        unique = f"{DAG} -r bench_python_{run}_{time.time_ns()} --no-replace-microseconds"
        return ["python3", str(ROOT / "bench" / "guide_trigger.py"), exports["MWAA_ENVIRONMENT_NAME"], unique]

    sides = {"java": lambda run: java, "python": python, "java_jar": lambda run: java_jar}
    for command in sides.values():
        for warm_up in range(2):
            measure(command(f"warm_up_{warm_up}"), env)
    results = {name: {"wall": [], "cpu": [], "rss": [], "cli_tokens_issued": 0, "cli_requests": 0} for name in sides}
    orders = list(itertools.permutations(SIDES))
    for i in range(samples):
        for name in orders[i % len(orders)]:
            before = stats(exports)
            run = measure(sides[name](i), env)
            after = stats(exports)
            if after["runs"] - before["runs"] != 1:
                raise SystemExit(f"the {name} trigger did not create exactly one DAG run: {run.out}")
            results[name]["wall"].append(run.wall)
            results[name]["cpu"].append(run.cpu)
            results[name]["rss"].append(run.rss)
            for key in ("cli_tokens_issued", "cli_requests"):
                results[name][key] += after[key] - before[key]
    results["samples"] = samples
    return results


def spread(values, scale=1000.0):
    values = sorted(v * scale for v in values)
    quartiles = statistics.quantiles(values, n=4)
    return statistics.median(values), quartiles[0], quartiles[2], values[0], values[-1]


def halves(java, python):
    """The ratio of medians over the odd rounds and over the even rounds: two halves of one run, as a rerun check."""
    return "/".join(f"{statistics.median(java[h::2]) / statistics.median(python[h::2]):.2f}" for h in (0, 1))


def cold_table(cold):
    java, python, java_jar = cold["java"], cold["python"], cold["java_jar"]
    ratios = [j / p for j, p in zip(java["wall"], python["wall"])]
    jm, jq1, jq3, jmin, jmax = spread(java["wall"])
    pm, pq1, pq3, pmin, pmax = spread(python["wall"])
    xm, xq1, xq3, xmin, xmax = spread(java_jar["wall"])
    cm, cq1, cq3, cmin, cmax = spread(java["cpu"])
    qm, qq1, qq3, qmin, qmax = spread(python["cpu"])
    cpu_ratios = [j / p for j, p in zip(java["cpu"], python["cpu"])]
    lines = ["## 1. Cold job: one trigger in a fresh process", "",
             f"Method: {cold['samples']} rounds, each running the three commands below once, in the six possible "
             "orders in turn, after 2 discarded runs of each; wall time from fork to exit, measured by the harness "
             "with `os.wait4`. Every command triggers `example_dag` on the emulator (CreateCliToken, then one CLI "
             "POST), and the harness checks with the emulator that every timed run created exactly one DAG run. "
             "The `java -jar` row runs the same jar without the launcher's JVM options and class-data archive. The "
             "Python side gets `-r <unique id> --no-replace-microseconds` after the DAG name: the guide's bare `dags trigger` "
             "takes its run id from the second, so back-to-back triggers collide with `DagRunAlreadyExists`.", "",
             "| side | command | median | IQR | min-max |", "|---|---|---|---|---|",
             f"| Java | `bin/mwaa-trigger trigger {DAG} --conf ...` | {jm:.0f} ms | {jq1:.0f}-{jq3:.0f} ms | "
             f"{jmin:.0f}-{jmax:.0f} ms |",
             f"| Python | `python3 bench/guide_trigger.py ...` (the guide's script) | {pm:.0f} ms | {pq1:.0f}-{pq3:.0f} ms | "
             f"{pmin:.0f}-{pmax:.0f} ms |",
             f"| Java without the launcher | `java -jar tools/target/mwaa-trigger.jar trigger {DAG} --conf ...` | {xm:.0f} ms | "
             f"{xq1:.0f}-{xq3:.0f} ms | {xmin:.0f}-{xmax:.0f} ms |", "",
             f"**Ratio Java / Python: {jm / pm:.2f}** (ratio of medians; median of the {len(ratios)} paired ratios "
             f"{statistics.median(ratios):.2f}, IQR {statistics.quantiles(ratios, n=4)[0]:.2f}-"
             f"{statistics.quantiles(ratios, n=4)[2]:.2f}; odd/even rounds {halves(java['wall'], python['wall'])}). "
             f"`java -jar` instead of `bin/mwaa-trigger`: {xm - jm:+.0f} ms (difference of medians).", "",
             "CPU time (user + sys, from `os.wait4`), the same runs:", "",
             "| side | median | IQR | min-max |", "|---|---|---|---|",
             f"| Java (`bin/mwaa-trigger`) | {cm:.0f} ms | {cq1:.0f}-{cq3:.0f} ms | {cmin:.0f}-{cmax:.0f} ms |",
             f"| Python (the guide's script) | {qm:.0f} ms | {qq1:.0f}-{qq3:.0f} ms | {qmin:.0f}-{qmax:.0f} ms |", "",
             f"**CPU ratio Java / Python: {cm / qm:.2f}** (ratio of medians; median of the paired ratios "
             f"{statistics.median(cpu_ratios):.2f}, IQR {statistics.quantiles(cpu_ratios, n=4)[0]:.2f}-"
             f"{statistics.quantiles(cpu_ratios, n=4)[2]:.2f}; odd/even rounds {halves(java['cpu'], python['cpu'])}).", ""]
    return "\n".join(lines)


def cold_path(env, cold):
    log = Path(tempfile.mkdtemp()) / "classes.log"
    detail_env = dict(env, MWAA_TRIGGER_JAVA_OPTS=f"-Xlog:class+load:file={log}")
    measure([str(LAUNCHER), "trigger", DAG], detail_env)
    lines = log.read_text().splitlines()
    shared = sum(1 for line in lines if "shared objects file" in line)
    java, python, samples = cold["java"], cold["python"], cold["samples"]
    java_rss = statistics.median(java["rss"])
    python_rss = statistics.median(python["rss"])
    java_cpu = statistics.median(java["cpu"]) * 1000
    python_cpu = statistics.median(python["cpu"]) * 1000
    return "\n".join(["## 4. Cold path detail", "",
                      "| | Java (`bin/mwaa-trigger`) | Python (guide script) |", "|---|---|---|",
                      f"| classes loaded | {len(lines)} ({shared} from the class-data archives) | - |",
                      f"| CPU time, user + sys (median, from `os.wait4`) | {java_cpu:.0f} ms "
                      f"({java_cpu / python_cpu:.2f}x Python) | {python_cpu:.0f} ms |",
                      f"| peak RSS (median) | {java_rss:.0f} MiB | {python_rss:.0f} MiB |",
                      f"| requests per trigger (counted by the emulator) | {java['cli_tokens_issued'] / samples:.2f} "
                      f"CreateCliToken, {java['cli_requests'] / samples:.2f} CLI POST | "
                      f"{python['cli_tokens_issued'] / samples:.2f} CreateCliToken, "
                      f"{python['cli_requests'] / samples:.2f} CLI POST |", ""])


def warm(env, exports, warm_up, triggers):
    before = stats(exports)
    java_out = measure(["java", "-cp", str(JAR), str(ROOT / "bench" / "WarmTriggers.java"), DAG, str(warm_up),
                        str(triggers)], env).out
    middle = stats(exports)
    python_out = measure(["python3", str(ROOT / "bench" / "guide_trigger_loop.py"),
                          exports["MWAA_ENVIRONMENT_NAME"], DAG, str(warm_up), str(triggers)], env).out
    after = stats(exports)
    java, python = json.loads(java_out), json.loads(python_out)
    total = warm_up + triggers
    for name, start, end in (("Java", before, middle), ("Python", middle, after)):
        if end["runs"] - start["runs"] != total:
            raise SystemExit(f"the {name} loop created {end['runs'] - start['runs']} DAG runs, not {total}")

    def per_trigger(start, end, key):
        return (end[key] - start[key]) / total

    return "\n".join([
        "## 2. Warm trigger: many triggers in one process", "",
        f"Method: {warm_up} warm-up triggers, then {triggers} timed triggers one after another in one process; "
        "requests and created DAG runs counted by the emulator over all of them (one run per trigger, checked).", "",
        "| side | mean per trigger | median | p90 | CreateCliToken per trigger | CLI POST per trigger |",
        "|---|---|---|---|---|---|",
        f"| Java (production object graph) | {java['mean_ms']:.1f} ms | {java['median_ms']:.1f} ms | "
        f"{java['p90_ms']:.1f} ms | {per_trigger(before, middle, 'cli_tokens_issued'):.3f} | "
        f"{per_trigger(before, middle, 'cli_requests'):.2f} |",
        f"| Python (the guide's code in a loop) | {python['mean_ms']:.1f} ms | {python['median_ms']:.1f} ms | "
        f"{python['p90_ms']:.1f} ms | {per_trigger(middle, after, 'cli_tokens_issued'):.3f} | "
        f"{per_trigger(middle, after, 'cli_requests'):.2f} |", ""])


def package(work):
    staging = work / "package"
    lib = staging / "lib"
    subprocess.run(["mvn", "-B", "-q", "dependency:copy-dependencies", "-DincludeScope=runtime",
                    f"-DoutputDirectory={lib}"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    jars = sorted(lib.glob("*.jar"))
    floor_jars = [jar for jar in jars if not jar.name.startswith(FLOOR_EXCLUDES)]
    extra_jars = [jar for jar in jars if jar not in floor_jars]
    classes = ROOT / "target" / "classes"
    archive = work / "function.zip"
    floor = work / "floor.zip"
    class_count, forbidden = 0, []
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for file in sorted(classes.rglob("*")):
            if file.is_file():
                out.write(file, file.relative_to(classes))
                class_count += file.suffix == ".class"
        for jar in jars:
            out.write(jar, "lib/" + jar.name)
            with zipfile.ZipFile(jar) as inner:
                for name in inner.namelist():
                    class_count += name.endswith(".class")
                    if name.startswith(("io/netty/", "org/apache/http/")):
                        forbidden.append(name)
    with zipfile.ZipFile(floor, "w", zipfile.ZIP_DEFLATED) as out:
        for jar in floor_jars:
            out.write(jar, "lib/" + jar.name)
    size, floor_size = archive.stat().st_size / 1e6, floor.stat().st_size / 1e6
    own = sum(f.stat().st_size for f in classes.rglob("*.class"))
    return "\n".join([
        "## 3. Package", "",
        "Method: what `sam build` deploys for a function (`target/classes` plus `mvn dependency:copy-dependencies "
        "-DincludeScope=runtime` in `lib/`), zipped with deflate.", "",
        "| | size | classes |", "|---|---|---|",
        f"| function package | {size:.2f} MB | {class_count} |",
        f"| floor (SDK `mwaa` + `url-connection-client`, Lambda core and events, joda-time, and what they pull in) | "
        f"{floor_size:.2f} MB | |",
        f"| package / floor | {size / floor_size:.3f} (target at most 1.10) | |",
        f"| beyond the floor | {', '.join(jar.name for jar in extra_jars) or 'nothing'}; the project's own classes "
        f"({own / 1e3:.0f} kB uncompressed) | |",
        f"| Netty or Apache HTTP classes | {len(forbidden)} | |", ""])


def burst(triggers, transport):
    capacity, latency = 4, 200
    rows = []
    for slots, label in ((4, "one process (4 CLI slots, the default)"),
                         (16, "over-subscribed: 16 slots, as 4 processes would have")):
        output = subprocess.run(["java", "-Djava.util.logging.config.file=/dev/null", "-cp", str(JAR),
                                 str(ROOT / "bench" / "Burst.java"), str(triggers), str(capacity), str(latency),
                                 str(slots)], check=True, capture_output=True, text=True,
                                env=dict(os.environ, MWAA_TRANSPORT=transport)).stdout
        result = json.loads(output.strip().splitlines()[-1])
        rows.append(f"| {label} | {result['created']} / {result['already_existed']} / {result['failed']} | "
                    f"{result['runs']} | {result['cli_requests']} | {result['busy_503']} | {result['most_concurrent']} | "
                    f"{result['seconds']:.2f} s | {result['ideal_seconds']:.2f} s | "
                    f"{result['seconds'] / result['ideal_seconds']:.2f} |")
    return "\n".join([
        "## 5. Burst", "",
        f"Method: {triggers} triggers released at once from {triggers} threads sharing one production object graph "
        "(in a process warmed up by one trigger of another DAG: the cold start is section 1's subject), against an "
        f"emulator that runs {capacity} CLI commands at once, each taking {latency} ms, and answers 503 beyond that; "
        f"ideal = {triggers} x {latency} ms / {capacity}. Every trigger has a new run id, so each should report "
        "CREATED: ALREADY_EXISTED or a failure would mean a trigger was misreported or lost. The emulator refuses "
        "a second run with the same id, so it never holds duplicates; its run count shows any that are missing. "
        f"The most commands it ran at once cannot exceed {capacity}; it shows whether the client kept every slot busy.",
        "",
        "| client | triggers reported: created / already existed / failed | DAG runs in the emulator | CLI requests | "
        "503 answers | most commands running at once | time | ideal | time / ideal |",
        "|---|---|---|---|---|---|---|---|---|", *rows, ""])


def machine(transport):
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), "0")
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    import boto3
    import requests
    return "\n".join([
        f"# mwaa-trigger benchmark, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}", "",
        f"Machine: {os.cpu_count()} cores ({cpu}), {int(memory) / 1024 / 1024:.0f} GiB, {platform.system()} "
        f"{platform.release()}; {java}; Python {platform.python_version()}, boto3 {boto3.__version__}, "
        f"requests {requests.__version__}. Everything over loopback HTTPS against the embedded MWAA emulator "
        f"(Airflow 2.10.3), no AWS. The Java sides' transport: {transport} (MWAA_TRANSPORT).", ""])


if __name__ == "__main__":
    sys.exit(main())
