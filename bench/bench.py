#!/usr/bin/env python3
"""Measures Tidemark against Flyway, Liquibase and plain psql in one run.

    bench.py [--quick] [--sizes 100,1000,5000] [--runs 5] [--out results.md]

For each N it generates equivalent migrations for every tool (generate.py), then, run after run,
with the tools in alternating order (A B C, C B A, ...), it recreates the database and times:
migrate from empty, migrate when up to date, validate, and info. Every command is a fresh process
(`mvn -q ...`, `java ...`, `psql ...`) timed by wall clock, with peak RSS from GNU time. It prints
one table of medians and ratios and writes the same as Markdown.
"""
import argparse
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
DB = "tidemark_bench"
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
    return ["mvn", "-B", "-q", "-o"] + list(goals)


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
        Tool("mvn floor (empty POM)", os.path.join(work, "maven-floor"), {
            s: mvn("validate") for s in SCENARIOS}),
    ]


def prepare(work, n):
    shutil.rmtree(work, ignore_errors=True)
    sh([sys.executable, os.path.join(HERE, "generate.py"), str(n), work, TIDEMARK_VERSION])
    for project in ("tidemark", "flyway-java"):
        sh(["mvn", "-B", "-q", "compile"], cwd=os.path.join(work, project))


def warm_up(tools):
    """Runs each tool's info once online, so that timed runs can be offline (-o)."""
    recreate_database()
    for tool in tools:
        command = tool.command("info")
        if command and command[0] == "mvn":
            sh([a for a in command if a != "-o"], cwd=tool.cwd)


def api_classpath():
    api = os.path.join(HERE, "api")
    sh(["mvn", "-B", "-q", "compile", f"-Dtidemark.version={TIDEMARK_VERSION}"], cwd=api)
    out = os.path.join(api, "target", "classpath.txt")
    sh(["mvn", "-B", "-q", "dependency:build-classpath", f"-Dmdep.outputFile={out}"], cwd=api)
    with open(out) as f:
        return os.path.join(api, "target", "classes") + os.pathsep + f.read().strip()


def run(sizes, runs, out_file, only):
    classpath = api_classpath()
    results = {}  # (n, tool, scenario) -> [(seconds, rss)]
    for n in sizes:
        work = os.path.join(HERE, "target", f"n{n}")
        print(f"== N = {n}: generating and compiling", flush=True)
        prepare(work, n)
        tools = [t for t in tools_for(work, classpath) if not only or any(o.lower() in t.name.lower() for o in only)]
        warm_up(tools)
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
            print(f"   run {r + 1}/{runs} done", flush=True)
        tool_names = [t.name for t in tools]
    report = render(results, sizes, tool_names, runs)
    print(report)
    with open(out_file, "w") as f:
        f.write(report)
    print(f"written to {out_file}")


def median(values):
    return statistics.median(values) if values else None


def render(results, sizes, tool_names, runs):
    lines = [
        f"Medians of {runs} runs per cell on {os.cpu_count()} cores ({platform.processor() or platform.machine()}), "
        f"PostgreSQL on {HOST}:{PORT}; each cell is one fresh process (`mvn -q -o`, `java`, `psql`), "
        "wall-clock seconds, peak RSS in MiB in brackets.",
        "",
    ]
    for n in sizes:
        lines += [f"### N = {n}", "", "| tool | " + " | ".join(SCENARIOS) + " |", "|---|" + "---:|" * len(SCENARIOS)]
        for tool in tool_names:
            cells = []
            for scenario in SCENARIOS:
                samples = results.get((n, tool, scenario))
                if not samples:
                    cells.append("–")
                    continue
                cells.append(f"{median([s for s, _ in samples]):.2f} ({median([m for _, m in samples]):.0f})")
            lines.append(f"| {tool} | " + " | ".join(cells) + " |")
        lines += ["", "Ratios (lower is better for Tidemark):", ""]

        def ratio(a, b, scenario):
            x, y = results.get((n, a, scenario)), results.get((n, b, scenario))
            if not x or not y:
                return "–"
            return f"{median([s for s, _ in x]) / median([s for s, _ in y]):.2f}"

        def delta(a, b, scenario):
            x, y = results.get((n, a, scenario)), results.get((n, b, scenario))
            if not x or not y:
                return "–"
            return f"{median([s for s, _ in x]) - median([s for s, _ in y]):+.2f} s"

        lines += ["| comparison | " + " | ".join(SCENARIOS) + " |", "|---|" + "---:|" * len(SCENARIOS)]
        for label, a, b in (("Tidemark / Flyway Java (mvn)", "Tidemark (mvn)", "Flyway Java (mvn)"),
                            ("Tidemark / Flyway SQL (mvn)", "Tidemark (mvn)", "Flyway SQL (mvn)"),
                            ("Tidemark / Liquibase (mvn)", "Tidemark (mvn)", "Liquibase SQL (mvn)"),
                            ("Tidemark / Flyway (API)", "Tidemark (API)", "Flyway Java (API)")):
            lines.append(f"| {label} | " + " | ".join(ratio(a, b, s) for s in SCENARIOS) + " |")
        lines.append("| Tidemark (API) / psql script | " + ratio("Tidemark (API)", "psql script", "migrate") + " | – | – | – |")
        lines.append("| Tidemark (mvn) − mvn floor | " + " | ".join(delta("Tidemark (mvn)", "mvn floor (empty POM)", s) for s in SCENARIOS) + " |")
        rss = lambda tool: median([m for _, m in results.get((n, tool, "migrate"), [(0, 0)])])
        lines += ["", f"Peak RSS of migrate: Tidemark (mvn) {rss('Tidemark (mvn)'):.0f} MiB, "
                      f"Flyway Java (mvn) {rss('Flyway Java (mvn)'):.0f} MiB, Flyway SQL (mvn) {rss('Flyway SQL (mvn)'):.0f} MiB, "
                      f"Liquibase (mvn) {rss('Liquibase SQL (mvn)'):.0f} MiB.", ""]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="N = 100 only, 2 runs: under 3 minutes")
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", default=os.path.join(HERE, "results.md"))
    parser.add_argument("--tools", default="", help="comma-separated name fragments: run only these tools")
    args = parser.parse_args()
    sizes = [100] if args.quick else [int(s) for s in args.sizes.split(",")]
    runs = 2 if args.quick else args.runs
    run(sizes, runs, args.out, [t for t in args.tools.split(",") if t])


if __name__ == "__main__":
    main()
