#!/usr/bin/env python3
"""Measures Tidemark against Flyway, Liquibase and plain psql in one run.

    bench.py [--quick] [--sizes 100,1000,5000] [--runs 3,5000=1] [--tools tidemark,psql] [--out results.md]

For each N it generates equivalent migrations for every tool (generate.py), then, run after run,
with the tools in alternating order (A B C, C B A, ...), it recreates the database and times:
migrate from empty, migrate when up to date, validate, and info. Every command is a fresh process
(`mvn -q ...`, `java ...`, `psql ...`) timed by wall clock, with peak RSS from GNU time; after each
migrate from empty it checks that every table of the N steps exists. It prints one table of
medians and ratios per N, the growth with N and the issue's targets, met or missed, and writes the
same as Markdown. --quick: N = 100, 2 runs, Flyway SQL left out.
"""
import argparse
import functools
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TIDEMARK_VERSION = "0.1.0-SNAPSHOT"
HOST = os.environ.get("BENCH_PGHOST", "127.0.0.1")
PORT = os.environ.get("BENCH_PGPORT", "5432")
# BENCH_DB: a database name of its own, for two checkouts benchmarking on one server at once.
DB = os.environ.get("BENCH_DB", "tidemark_bench")
# The local repository run.sh installed Tidemark into; every Maven command, the floor's included, uses it.
REPO = os.environ.get("BENCH_MAVEN_REPO")
REPO_ARGS = [f"-Dmaven.repo.local={REPO}"] if REPO else []
JDBC = f"jdbc:postgresql://{HOST}:{PORT}/{DB}?user=postgres"
SCENARIOS = ["migrate", "up-to-date", "validate", "info"]


def sh(args, cwd=None, quiet=True):
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(f"command failed in {cwd}: {' '.join(args)}\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}\n")
        raise SystemExit(1)
    return result.stdout


def psql(sql, db="postgres"):
    sh(["psql", "-h", HOST, "-p", PORT, "-U", "postgres", "-d", db, "-qAt", "-v", "ON_ERROR_STOP=1", "-c", sql])


def recreate_database():
    psql(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
    psql(f"CREATE DATABASE {DB}")
    # Write out what the previous run left dirty, so that no tool's run pays for another's checkpoint.
    psql("CHECKPOINT")


def expected_tables(n):
    """How many tables step 1..n creates (generate.py's rule), to check that a tool applied them all."""
    sys.path.insert(0, HERE)
    import generate
    return sum(1 for i in range(1, n + 1) if generate.creates_table(i))


def tables_in_database():
    out = sh(["psql", "-h", HOST, "-p", PORT, "-U", "postgres", "-d", DB, "-qAt", "-c",
              "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename ~ '^t[0-9]+$'"])
    return int(out.strip())


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def timed(args, cwd):
    """Runs a command under GNU time; returns (seconds, peak RSS in MiB)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        start = time.perf_counter()
        result = subprocess.run(["/usr/bin/time", "-v", "-o", report.name] + args, cwd=cwd,
                                capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if result.returncode != 0:
            sys.stderr.write(f"benchmark command failed in {cwd}: {' '.join(args)}\n"
                             f"{result.stdout[-6000:]}\n{result.stderr[-3000:]}\n")
            raise SystemExit(1)
        rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", report.read()).group(1))
    return elapsed, rss / 1024


class Tool:
    """A way to run the four scenarios; commands are argument lists run in `cwd`."""

    def __init__(self, name, cwd, commands):
        self.name, self.cwd, self.commands = name, cwd, commands

    def command(self, scenario):
        return self.commands.get(scenario)


def mvn(*goals):
    return ["mvn", "-B", "-q", "-o"] + REPO_ARGS + list(goals)


def tools_for(work, api_classpath):
    flyway_url = [f"-Dflyway.url=jdbc:postgresql://{HOST}:{PORT}/{DB}", "-Dflyway.user=postgres"]
    liquibase = [f"-Dliquibase.url=jdbc:postgresql://{HOST}:{PORT}/{DB}", "-Dliquibase.username=postgres",
                 "-Dliquibase.password="]
    schema = [f"-Dschema.url={JDBC}"]
    sql_locations = "-Dflyway.locations=filesystem:src/main/resources/db/migration"
    java_locations = "-Dflyway.locations=classpath:db/migration"
    t = os.path.join(work, "tidemark")
    fj = os.path.join(work, "flyway-java")
    api = lambda project, tool, command: ["java", "-cp", api_classpath + os.pathsep + os.path.join(project, "target/classes"),
                                          "bench.ApiRun", tool, command, JDBC]
    return [
        Tool("Tidemark (mvn)", t, {
            "migrate": mvn("schema:migrate", *schema), "up-to-date": mvn("schema:migrate", *schema),
            "validate": mvn("schema:validate", *schema), "info": mvn("schema:info", *schema)}),
        Tool("Tidemark (API)", t, {
            "migrate": api(t, "tidemark", "migrate"), "up-to-date": api(t, "tidemark", "migrate"),
            "validate": api(t, "tidemark", "validate"), "info": api(t, "tidemark", "info")}),
        Tool("Flyway Java (mvn)", fj, {
            "migrate": mvn("flyway:migrate", *flyway_url, java_locations),
            "up-to-date": mvn("flyway:migrate", *flyway_url, java_locations),
            "validate": mvn("flyway:validate", *flyway_url, java_locations),
            "info": mvn("flyway:info", *flyway_url, java_locations)}),
        Tool("Flyway Java (API)", fj, {
            "migrate": api(fj, "flyway", "migrate"), "up-to-date": api(fj, "flyway", "migrate"),
            "validate": api(fj, "flyway", "validate"), "info": api(fj, "flyway", "info")}),
        Tool("Flyway SQL (mvn)", os.path.join(work, "flyway-sql"), {
            "migrate": mvn("flyway:migrate", *flyway_url, sql_locations),
            "up-to-date": mvn("flyway:migrate", *flyway_url, sql_locations),
            "validate": mvn("flyway:validate", *flyway_url, sql_locations),
            "info": mvn("flyway:info", *flyway_url, sql_locations)}),
        Tool("Liquibase SQL (mvn)", os.path.join(work, "liquibase"), {
            "migrate": mvn("liquibase:update", *liquibase), "up-to-date": mvn("liquibase:update", *liquibase),
            "validate": mvn("liquibase:validate", *liquibase), "info": mvn("liquibase:status", *liquibase)}),
        Tool("psql script", os.path.join(work, "psql"), {
            "migrate": ["psql", "-h", HOST, "-p", PORT, "-U", "postgres", "-d", DB, "-q", "-f", "steps.sql"]}),
        # One process per run: the same command stands for every scenario's floor.
        Tool("mvn floor (empty POM)", os.path.join(work, "maven-floor"), {"migrate": mvn("validate")}),
    ]


QUICK_TOOLS = ["Tidemark (mvn)", "Tidemark (API)", "Flyway Java (mvn)", "Flyway Java (API)", "Liquibase SQL (mvn)",
               "psql script", "mvn floor (empty POM)"]


def prepare(work, n):
    shutil.rmtree(work, ignore_errors=True)
    sh([sys.executable, os.path.join(HERE, "generate.py"), str(n), work, TIDEMARK_VERSION])
    for project in ("tidemark", "flyway-java"):
        sh(["mvn", "-B", "-q", "compile"] + REPO_ARGS, cwd=os.path.join(work, project))


def warm_up(tools):
    """Runs each tool's info once online, so that timed runs can be offline (-o). Once per local
    repository: the generated POMs name the same plugins at every N."""
    marker = os.path.join(REPO or os.path.expanduser("~/.m2/repository"), ".tidemark-bench-warm")
    wanted = " ".join(sorted(t.name for t in tools))
    if os.path.exists(marker) and all(name in open(marker).read() for name in wanted.split(" ")):
        return
    recreate_database()
    for tool in tools:
        command = tool.command("info")
        if command and command[0] == "mvn":
            sh([a for a in command if a != "-o"], cwd=tool.cwd)
    with open(marker, "w") as f:
        f.write(wanted + "\n")


def api_classpath():
    api = os.path.join(HERE, "api")
    out = os.path.join(api, "target", "classpath.txt")
    sh(["mvn", "-B", "-q", "compile", "dependency:build-classpath"] + REPO_ARGS
       + [f"-Dtidemark.version={TIDEMARK_VERSION}", f"-Dmdep.outputFile={out}"], cwd=api)
    with open(out) as f:
        return os.path.join(api, "target", "classes") + os.pathsep + f.read().strip()


def run(sizes, runs_at, out_file, only, quick, lean_from=None):
    classpath = api_classpath()
    results = {}  # (n, tool, scenario) -> [(seconds, rss)]
    loads = {}  # n -> (load average before, after)
    tool_names = []
    for n in sizes:
        work = os.path.join(HERE, "target", f"n{n}")
        print(f"== N = {n}: generating and compiling", flush=True)
        prepare(work, n)
        tools = [t for t in tools_for(work, classpath)
                 if (not only or any(o.lower() in t.name.lower() for o in only))
                 and (not (quick or lean_from and n >= lean_from) or t.name in QUICK_TOOLS)]
        warm_up(tools)
        tables = expected_tables(n)
        before = load_average()
        runs = runs_at(n)
        for r in range(runs):
            order = tools if r % 2 == 0 else list(reversed(tools))
            for tool in order:
                recreate_database()
                for scenario in SCENARIOS:
                    command = tool.command(scenario)
                    if command is None:
                        continue
                    seconds, rss = timed(command, tool.cwd)
                    results.setdefault((n, tool.name, scenario), []).append((seconds, rss))
                    if scenario == "migrate" and tool.name != FLOOR:
                        found = tables_in_database()
                        if found != tables:
                            sys.exit(f"{tool.name} left {found} of the {tables} tables of N = {n}: not comparable")
            print(f"   run {r + 1}/{runs} done (load {load_average()})", flush=True)
        loads[n] = (before, load_average(), runs)
        tool_names = tool_names + [t.name for t in tools if t.name not in tool_names]
        # Written after every N, so that a failure at a large N keeps the figures already measured.
        report = render(results, sizes, tool_names, loads)
        with open(out_file, "w") as f:
            f.write(report)
    print(report)
    print(f"written to {out_file}")


def median(values):
    return statistics.median(values) if values else None


def environment():
    def first_line(args):
        try:
            r = subprocess.run(args, capture_output=True, text=True)
            return re.sub(r"\x1b\[[0-9;]*m", "", (r.stdout or r.stderr).strip().splitlines()[0])
        except (OSError, IndexError):
            return "?"
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return (f"{os.cpu_count()} cores ({cpu}), {first_line(['java', '-version'])}, "
            f"{first_line(['mvn', '-v'])}, {first_line(['psql', '--version'])} against {HOST}:{PORT}")


@functools.lru_cache(maxsize=None)
def commit():
    """The checked-out commit, and whether the tree held changes beside it, when first asked: main()
    asks before anything runs, since the results file this run rewrites after each N is tracked."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=HERE,
                               capture_output=True, text=True, check=True).stdout.strip()
        return head + (" with uncommitted changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"


FLOOR = "mvn floor (empty POM)"


def render(results, sizes, tool_names, loads):
    def med(n, tool, scenario, index=0):
        samples = results.get((n, tool, scenario))
        return median([s[index] for s in samples]) if samples else None

    def floor(n):
        return med(n, FLOOR, "migrate")

    def fmt(value, pattern="{:.2f}"):
        return "–" if value is None else pattern.format(value)

    def ratio(n, a, b, scenario):
        x, y = med(n, a, scenario), med(n, b, scenario)
        return None if x is None or y is None else x / y

    def above_floor(n, scenario):
        x, f = med(n, "Tidemark (mvn)", scenario), floor(n)
        return None if x is None or f is None else x - f

    lines = [
        f"Measured at commit {commit()}.",
        "",
        f"Machine: {environment()}.",
        "",
        "Each cell is the median of the runs stated under its N, wall-clock seconds of one fresh process "
        "(`mvn -B -q -o`, `java`, `psql`), peak RSS in MiB in brackets; the tools ran in alternating order "
        "(A B C …, … C B A) on a database dropped, created and checkpointed before each tool's run; *migrate* starts "
        "from an empty database, *up-to-date* runs migrate again, then *validate* and *info*. The Maven "
        "floor is `mvn validate` on an empty POM (one process per run), the database floor the psql script "
        "over one connection.",
        "",
    ]
    for n in sizes:
        if n not in loads:
            continue
        before, after, runs = loads[n]
        lines += [f"### N = {n:,}", "", f"{runs} run{'s' if runs != 1 else ''}; load average (1, 5, 15 min) "
                  f"{before} before, {after} after.", "",
                  "| tool | " + " | ".join(SCENARIOS) + " |", "|---|" + "---:|" * len(SCENARIOS)]
        for tool in tool_names:
            if not any((n, tool, s) in results for s in SCENARIOS):
                continue
            cells = []
            for scenario in SCENARIOS:
                if tool == FLOOR:
                    scenario = "migrate"
                seconds, rss = med(n, tool, scenario), med(n, tool, scenario, 1)
                cells.append("–" if seconds is None else f"{seconds:.2f} ({rss:.0f})")
            lines.append(f"| {tool} | " + " | ".join(cells) + " |")
        lines += ["", "| comparison | " + " | ".join(SCENARIOS) + " |", "|---|" + "---:|" * len(SCENARIOS)]
        for label, a, b in (("Tidemark / Flyway Java (mvn)", "Tidemark (mvn)", "Flyway Java (mvn)"),
                            ("Tidemark / Flyway SQL (mvn)", "Tidemark (mvn)", "Flyway SQL (mvn)"),
                            ("Tidemark / Liquibase (mvn)", "Tidemark (mvn)", "Liquibase SQL (mvn)"),
                            ("Tidemark / Flyway (API)", "Tidemark (API)", "Flyway Java (API)")):
            if any(ratio(n, a, b, s) is not None for s in SCENARIOS):
                lines.append(f"| {label} | " + " | ".join(fmt(ratio(n, a, b, s)) for s in SCENARIOS) + " |")
        lines.append("| Tidemark (API) / psql script | " + fmt(ratio(n, "Tidemark (API)", "psql script", "migrate"))
                     + " | – | – | – |")
        lines.append("| Tidemark (mvn) − mvn floor, s | "
                     + " | ".join(fmt(above_floor(n, s), "{:+.2f}") for s in SCENARIOS) + " |")
        lines.append("")

    lines += ["### Growth with N: Tidemark (mvn) above the Maven floor, seconds", "",
              "| N | " + " | ".join(SCENARIOS) + " |", "|---:|" + "---:|" * len(SCENARIOS)]
    for n in sizes:
        if n in loads:
            lines.append(f"| {n:,} | " + " | ".join(fmt(above_floor(n, s), "{:+.2f}") for s in SCENARIOS) + " |")

    # Each run times every tool once, so a run's Tidemark figure and its floor belong together: the
    # spread of these paired differences shows how far a single run may stray from the medians.
    def paired_above_floor(n, scenario):
        samples, floors = results.get((n, "Tidemark (mvn)", scenario)), results.get((n, FLOOR, "migrate"))
        if not samples or not floors or len(samples) != len(floors):
            return None
        return sorted(s[0] - f[0] for s, f in zip(samples, floors))

    spread = ["up-to-date", "validate", "info"]
    lines += ["", "### Spread: Tidemark (mvn) above the Maven floor run by run, seconds", "",
              "Each run's figure minus the same run's floor; lowest / median / highest.", "",
              "| N | " + " | ".join(spread) + " |", "|---:|" + "---:|" * len(spread)]
    for n in sizes:
        if n not in loads:
            continue
        cells = []
        for scenario in spread:
            values = paired_above_floor(n, scenario)
            cells.append("–" if values is None else
                         f"{values[0]:+.2f} / {median(values):+.2f} / {values[-1]:+.2f}")
        lines.append(f"| {n:,} | " + " | ".join(cells) + " |")

    def verdict(value, limit, text):
        if value is None:
            return f"not measured ({text})"
        return ("met" if value <= limit else "missed") + f": {text}"

    lines += ["", "### Targets", ""]
    for n in (1000,):
        value = ratio(n, "Tidemark (mvn)", "Flyway Java (mvn)", "migrate")
        lines.append("- migrate 1,000 from empty through Maven at most 1/3 of Flyway's time: "
                     + verdict(value, 1 / 3, f"Tidemark/Flyway Java = {fmt(value)}"))
        value = ratio(n, "Tidemark (API)", "psql script", "migrate")
        lines.append("- Tidemark's own migrate of 1,000 (API, JVM start included) within 1.3x of psql: "
                     + verdict(value, 1.3, f"{fmt(value)}x"))
    for n in (1000, 5000):
        for scenario in ("validate", "info", "up-to-date"):
            value = above_floor(n, scenario)
            lines.append(f"- {scenario} at {n:,} through Maven within 0.3 s of the Maven floor: "
                         + verdict(value, 0.3, f"{fmt(value, '{:+.2f}')} s"))
    tm, fw = med(5000, "Tidemark (mvn)", "migrate", 1), med(5000, "Flyway Java (mvn)", "migrate", 1)
    lines.append("- peak RSS of schema:migrate at 5,000 not above Flyway's: "
                 + verdict(None if tm is None or fw is None else tm - fw, 0,
                           f"{fmt(tm, '{:.0f}')} MiB against {fmt(fw, '{:.0f}')} MiB"))
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="N = 100, 2 runs, without Flyway SQL: every ratio in under 3 minutes")
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--runs", default="3",
                        help="runs per N: one number, or N=runs pairs with a default, e.g. 3,5000=1")
    parser.add_argument("--out", help="where to write the Markdown; default bench/results.md, with --quick bench/target/results-quick.md")
    parser.add_argument("--tools", default="", help="comma-separated name fragments: run only these tools")
    parser.add_argument("--lean-from", type=int,
                        help="from this N on, leave Flyway SQL out (its migrate takes minutes at 5,000)")
    args = parser.parse_args()
    commit()
    sizes = [100] if args.quick else [int(s) for s in args.sizes.split(",")]
    default_runs, per_size = 3, {}
    for part in args.runs.split(","):
        if "=" in part:
            size, count = part.split("=")
            per_size[int(size)] = int(count)
        else:
            default_runs = int(part)
    if args.quick:
        default_runs, per_size = 2, {}
    out = args.out or os.path.join(HERE, "target", "results-quick.md") if args.quick else (args.out or os.path.join(HERE, "results.md"))
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    run(sizes, lambda n: per_size.get(n, default_runs), out, [t for t in args.tools.split(",") if t], args.quick,
        args.lean_from)


if __name__ == "__main__":
    main()
