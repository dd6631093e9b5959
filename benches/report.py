#!/usr/bin/env python3
"""Turns what benches/compare.sh measured into the Markdown results table.

usage: report.py BENCH_DIR   (reads times.tsv, instructions.tsv, versions.tsv, load-*.txt, trees/)
"""
import json
import os
import statistics
import sys

MIXED = "mixed-20000"
CLOUDFORMATION = "cloudformation-1500"
SCALED = ["mixed-2500", "mixed-10000", "mixed-40000"]
NEEDLE = "`rg -l 'ssmincidents\\|SsmIncidents\\|SSMIncidents'`"
COMMANDS = {
    "cat": "`cat` every file (the floor)",
    "rg": f"{NEEDLE} (the floor)",
    "irlint": "`irlint --format json`",
    "cfn-guard": "`cfn-guard validate` (one rule file)",
    "cfn-lint": "`cfn-lint`",
    "checkov": "`checkov`",
}


class Timing:
    def __init__(self, rows):
        self.runs = len(rows)
        walls = [row[0] for row in rows]
        cpus = [row[1] + row[2] for row in rows]
        self.wall = statistics.median(walls)
        self.wall_min, self.wall_max = min(walls), max(walls)
        self.cpu = statistics.median(cpus)
        self.cpu_min, self.cpu_max = min(cpus), max(cpus)
        self.peak_mib = max(row[3] for row in rows) / 1024
        self.extrapolated = None

    def wall_cell(self):
        if self.extrapolated:
            return f"≈ {self.wall:.0f} s (extrapolated)"
        if self.runs == 1:
            return f"{self.wall:.2f} s (1 run)"
        return f"{self.wall:.3f} s ({self.wall_min:.3f}–{self.wall_max:.3f})"

    def cpu_cell(self):
        if self.extrapolated:
            return f"≈ {self.cpu:.0f} s"
        if self.runs == 1:
            return f"{self.cpu:.2f} s"
        return f"{self.cpu:.3f} s ({self.cpu_min:.3f}–{self.cpu_max:.3f})"

    def peak_cell(self):
        return "—" if self.extrapolated else f"{self.peak_mib:.0f} MiB"


def read_times(bench):
    rows = {}
    with open(os.path.join(bench, "times.tsv")) as lines:
        for line in lines:
            label, tree, wall, user, system, peak = line.rstrip("\n").split("\t")
            rows.setdefault((label, tree), []).append((float(wall), float(user), float(system), int(peak)))
    return {key: Timing(value) for key, value in rows.items()}


def read_instructions(bench):
    counts = {}
    path = os.path.join(bench, "instructions.tsv")
    if os.path.exists(path):
        with open(path) as lines:
            for line in lines:
                label, tree, count = line.rstrip("\n").split("\t")
                if count:
                    counts[(label, tree)] = int(count.replace(",", ""))
    return counts


def tree_size(bench, name):
    files = size = 0
    for directory, _, names in os.walk(os.path.join(bench, "trees", name)):
        for file_name in names:
            files += 1
            size += os.path.getsize(os.path.join(directory, file_name))
    return files, size


def ratio(slow, fast):
    return slow / fast if fast else float("inf")


def extrapolate_checkov(times, sizes):
    """checkov's time on the 20,000-file tree from its rate on the 2,500-file one, past its
    start-up (its time on an empty directory)."""
    small = times.get(("checkov", "mixed-2500"))
    start = times.get(("checkov", "empty"))
    if (("checkov", MIXED) in times) or not small or not start:
        return
    scale = sizes[MIXED][0] / sizes["mixed-2500"][0]
    estimate = Timing([(0, 0, 0, 0)])
    estimate.wall = start.wall + (small.wall - start.wall) * scale
    estimate.cpu = start.cpu + (small.cpu - start.cpu) * scale
    estimate.extrapolated = (
        f"checkov did not run on the 20,000-file tree: on the 2,500-file tree, generated with the same "
        f"proportions, it took {small.wall:.1f} s wall and {small.cpu:.1f} s CPU, and {start.wall:.1f} s "
        f"wall to start on an empty directory; its row is that start-up plus the rest × {scale:.0f} "
        f"(an estimate, not a measurement)."
    )
    times[("checkov", MIXED)] = estimate


def tree_table(times, tree, files, size, labels):
    irlint = times[("irlint", tree)]
    lines = [
        "| command | wall, median (min–max) | CPU user+system, median (min–max) | peak memory | files/s | MB/s | irlint faster by (wall / CPU) |",
        "|---|---|---|---|---|---|---|",
    ]
    for label in labels:
        timing = times.get((label, tree))
        if timing is None:
            continue
        faster = "—" if label == "irlint" else (
            f"{ratio(timing.wall, irlint.wall):.1f}× / {ratio(timing.cpu, irlint.cpu):.1f}×"
        )
        lines.append(
            f"| {COMMANDS[label]} | {timing.wall_cell()} | {timing.cpu_cell()} | {timing.peak_cell()} "
            f"| {rate(files / timing.wall)} | {rate(size / 1e6 / timing.wall)} | {faster} |"
        )
    return lines


def rate(per_second):
    return f"{per_second:,.0f}" if per_second >= 10 else f"{per_second:.2f}"


def verdict(met):
    return "**met**" if met else "**not met**"


def main():
    bench = sys.argv[1]
    times = read_times(bench)
    counts = read_instructions(bench)
    trees = [MIXED, CLOUDFORMATION] + SCALED
    sizes = {name: tree_size(bench, name) for name in trees}
    extrapolate_checkov(times, sizes)
    summaries = {
        name: open(os.path.join(bench, "trees", f"{name}.summary")).read().strip() for name in trees
    }
    with open(os.path.join(bench, f"irlint-{MIXED}.json")) as report:
        found = json.load(report)["summary"]
    with open(os.path.join(bench, f"rg-{MIXED}.count")) as count:
        rg_files = int(count.read())
    with open(os.path.join(bench, f"templates-{MIXED}.count")) as count:
        templates = int(count.read())
    with open(os.path.join(bench, "versions.tsv")) as lines:
        versions = [line.rstrip("\n").split("\t") for line in lines]
    load_before = open(os.path.join(bench, "load-before.txt")).read().split()[:3]
    load_after = open(os.path.join(bench, "load-after.txt")).read().split()[:3]

    out = []
    files, size = sizes[MIXED]
    out += [
        f"### The 20,000-file tree ({files:,} files, {size / 2**20:.1f} MiB)",
        "",
        f"Generated: {summaries[MIXED].split(', ', 1)[1]}. irlint read {found['files']:,} candidate "
        f"files and reported {found['findings']} findings in {found['replication_sets']} replication "
        f"sets; ripgrep listed {rg_files:,} files holding the resource names.",
        "",
    ]
    out += tree_table(times, MIXED, files, size, ["cat", "rg", "irlint", "cfn-lint", "checkov"])
    out += [
        "",
        f"cfn-lint ran its default rules on the tree's {templates:,} CloudFormation templates, named "
        "on its command line (files/s and MB/s count the whole tree, like the others). "
        "checkov ran with `--framework cloudformation terraform`, the frameworks that read a "
        "replication set (it reads no Pulumi), which is less work than a default `checkov -d .`.",
    ]
    checkov_estimate = times[("checkov", MIXED)].extrapolated if ("checkov", MIXED) in times else None
    if checkov_estimate:
        out += ["", checkov_estimate]

    files, size = sizes[CLOUDFORMATION]
    out += [
        "",
        f"### The CloudFormation tree ({files:,} templates, {size / 2**20:.1f} MiB)",
        "",
        f"Generated: {summaries[CLOUDFORMATION].split(', ', 1)[1]}.",
        "",
    ]
    out += tree_table(
        times, CLOUDFORMATION, files, size, ["cat", "rg", "irlint", "cfn-guard", "cfn-lint", "checkov"]
    )
    out += [
        "",
        "cfn-guard ran `benches/replication-set.guard` (1 to 3 regions per replication set); cfn-lint "
        "its default rules; checkov `--framework cloudformation`. irlint ran all its rules.",
    ]

    out += [
        "",
        "### Scaling (the mixed tree at 1×, 4×, 8×, 16×)",
        "",
        "| tree | files | MiB | irlint wall | irlint CPU | CPU per file | instructions (callgrind) | instructions per file | ripgrep wall |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    scaled = ["mixed-2500", "mixed-10000", MIXED, "mixed-40000"]
    for name in scaled:
        files, size = sizes[name]
        timing = times[("irlint", name)]
        instructions = counts.get(("irlint", name))
        out.append(
            f"| {name} | {files:,} | {size / 2**20:.1f} | {timing.wall:.3f} s | {timing.cpu:.3f} s "
            f"| {timing.cpu / files * 1e6:.1f} µs | "
            + (f"{instructions / 1e9:.2f} G | {instructions / files / 1e3:.0f} k" if instructions else "— | —")
            + f" | {times[('rg', name)].wall:.3f} s |"
        )

    if counts:
        out += ["", "Instructions executed in user space, all threads (callgrind; not disturbed by other load):", ""]
        rg_count, irlint_count = counts.get(("rg", MIXED)), counts.get(("irlint", MIXED))
        if rg_count and irlint_count:
            out.append(
                f"- {MIXED}: ripgrep {rg_count / 1e9:.2f} G, irlint {irlint_count / 1e9:.2f} G "
                f"({irlint_count / rg_count:.2f}× ripgrep's; ripgrep's work is mostly the kernel's, "
                "reading the files, which callgrind does not count)"
            )
        guard_count, irlint_count = counts.get(("cfn-guard", CLOUDFORMATION)), counts.get(("irlint", CLOUDFORMATION))
        if guard_count and irlint_count:
            out.append(
                f"- {CLOUDFORMATION}: cfn-guard {guard_count / 1e9:.2f} G, irlint {irlint_count / 1e9:.2f} G "
                f"(cfn-guard executes {guard_count / irlint_count:.0f}× more)"
            )

    irlint = times[("irlint", MIXED)]
    irlint_cfn = times[("irlint", CLOUDFORMATION)]
    rg = times[("rg", MIXED)]
    guard = times[("cfn-guard", CLOUDFORMATION)]
    per_file = [times[("irlint", name)].cpu / sizes[name][0] for name in scaled]
    instruction_rates = [
        counts[("irlint", name)] / sizes[name][0] for name in scaled if ("irlint", name) in counts
    ]
    peak = max(times[("irlint", name)].peak_mib for name in scaled)
    out += [
        "",
        "### Targets",
        "",
        "| target | measured | |",
        "|---|---|---|",
        f"| within 3× of ripgrep on the 20,000-file tree | {ratio(irlint.wall, rg.wall):.2f}× ripgrep's wall time, "
        f"{ratio(irlint.cpu, rg.cpu):.2f}× its CPU time"
        + (
            f", {ratio(counts[('irlint', MIXED)], counts[('rg', MIXED)]):.2f}× its user-space instructions"
            if ("irlint", MIXED) in counts and ("rg", MIXED) in counts
            else ""
        )
        + f" | {verdict(max(irlint.wall / rg.wall, irlint.cpu / rg.cpu) <= 3)} |",
    ]
    for label, tree, current in [
        ("cfn-lint", CLOUDFORMATION, irlint_cfn),
        ("checkov", CLOUDFORMATION, irlint_cfn),
        ("cfn-lint", MIXED, irlint),
        ("checkov", MIXED, irlint),
    ]:
        other = times.get((label, tree))
        if other:
            faster = min(ratio(other.wall, current.wall), ratio(other.cpu, current.cpu))
            note = " (extrapolated)" if other.extrapolated else ""
            out.append(
                f"| at least 50× faster than {label} ({tree}) | {ratio(other.wall, current.wall):,.0f}× by wall time, "
                f"{ratio(other.cpu, current.cpu):,.0f}× by CPU time{note} | {verdict(faster >= 50)} |"
            )
    guard_faster = min(ratio(guard.wall, irlint_cfn.wall), ratio(guard.cpu, irlint_cfn.cpu))
    out += [
        f"| faster than cfn-guard on the CloudFormation tree (aim 3×) | {ratio(guard.wall, irlint_cfn.wall):.1f}× by wall time, "
        f"{ratio(guard.cpu, irlint_cfn.cpu):.1f}× by CPU time | {verdict(guard_faster > 1)}"
        f"{', aim met' if guard_faster >= 3 else ', aim not met'} |",
        f"| peak memory under 200 MB | {peak:.0f} MiB at most (up to 40,000 files) | {verdict(peak * 2**20 < 200e6)} |",
        f"| cost linear in tree size | CPU per file {', '.join(f'{rate * 1e6:.1f}' for rate in per_file)} µs"
        + (
            f"; instructions per file {', '.join(f'{rate / 1e3:.0f} k' for rate in instruction_rates)}"
            if instruction_rates
            else ""
        )
        + f" (1×, 4×, 8×, 16×) | {verdict(linear(instruction_rates or per_file))} |",
    ]

    out += [
        "",
        "### Tools and machine",
        "",
        "Versions: " + "; ".join(f"{name} {version.removeprefix(name).strip()}" for name, version in versions) + ".",
        f"Noise: between the runs of a fast command (cat, ripgrep, irlint, cfn-guard; {max(t.runs for t in times.values())} "
        f"runs each) wall time varied by up to {spread(times, 'wall'):.0%} and CPU time by up to "
        f"{spread(times, 'cpu'):.0%} (the largest max/min − 1 over the commands taking 0.2 s or more; "
        "times are read to 10 ms).",
        f"Machine: {os.cpu_count()} cores ({cpu_model()}), {memory_gib():.0f} GiB of memory. "
        f"Load average (1, 5, 15 min) before the run {', '.join(load_before)}, after it "
        f"{', '.join(load_after)}.",
    ]
    print("\n".join(out))


def spread(times, field):
    """The largest relative spread of a measure among the commands run several times for long
    enough that 10 ms ticks do not dominate it."""
    spreads = [
        getattr(timing, f"{field}_max") / getattr(timing, f"{field}_min") - 1
        for timing in times.values()
        if timing.runs > 1 and not timing.extrapolated and getattr(timing, f"{field}_min") >= 0.2
    ]
    return max(spreads, default=0)


def linear(rates):
    """Per-file cost that neither grows nor shrinks by more than a quarter from 1× to 16×."""
    return bool(rates) and max(rates) <= 1.25 * min(rates)


def cpu_model():
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return "unknown CPU"


def memory_gib():
    with open("/proc/meminfo") as info:
        for line in info:
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 2**20
    return 0


if __name__ == "__main__":
    main()
