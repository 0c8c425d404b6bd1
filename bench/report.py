#!/usr/bin/env python3
"""Turns the raw results of bench/run.sh (one directory under target/bench/) into docs/benchmarks.md."""
import json
import os
import statistics
import sys

OUT = sys.argv[1]
CONNECTIONS = (1, 16, 64)


def path(name):
    return os.path.join(OUT, name)


def exists(name):
    return os.path.exists(path(name))


def lines(name):
    with open(path(name)) as f:
        return [line.rstrip("\n") for line in f if line.strip()]


def settings():
    values = {}
    for line in lines("machine.txt"):
        key, _, value = line.partition("=")
        values[key] = value
    return values


def pct(values, p):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def fmt(n, digits=0):
    return f"{n:,.{digits}f}"


M = settings()
targets = []  # (target, figure, met)
doc = []
w = doc.append

w("# Benchmarks")
w("")
w("Produced by `bench/run.sh` (see the comment at its top for settings). Every figure below comes from")
w("one run of that command; intake figures are medians of repeated runs. The raw results of a run stay")
w("under `target/bench/<time>/`.")
w("")
w("## Conditions")
w("")
w(f"- machine: {M.get('cores')} cores ({M.get('cpu')}), {fmt(int(M.get('memory_mb', 0)))} MB memory, "
  f"Linux {M.get('kernel')}")
w(f"- JDK: {M.get('jdk')}; JVM flags for the bridge and the bare route: `{M.get('jvm_flags')}`")
w(f"- load tool: {M.get('wrk')}, on the same machine, loopback only")
w(f"- bridge commit {M.get('commit')}, run started {M.get('started')}")
w(f"- load average (1, 5, 15 min) at the start: {M.get('load_start')}, at the end: {M.get('load_end')}")
w("")
w("The machine is shared: the bridge, the load tool, the sandbox and PostgreSQL all run on its cores,")
w("and a load average above the core count means other work was running too. See the notes at the end.")
w("")

# --- 1. intake
intake = [json.loads(line) for line in lines("intake.jsonl")] if exists("intake.jsonl") else []
rates = {}
if intake:
    for r in intake:
        accepted = r["requests"] - r["non2xx"]
        r["rate"] = accepted / (r["duration_us"] / 1e6)
        if r["run"] > 0:
            rates.setdefault((r["target"], r["connections"]), []).append(r)
    w("## 1. Intake: leads accepted per second")
    w("")
    w(f"`wrk` posts a new lead on every request (`bench/leads.lua`: distinct `lead_id`, email and phone),")
    w(f"{M.get('duration')} s per run, {M.get('runs')} runs per cell after a 5 s warm-up; one thread at one")
    w("connection, two threads otherwise. Accepted means answered 2xx (202 `accepted`); the bridge answers")
    w("only after the lead is committed to its store. While intake runs, the bridge's dispatcher keeps")
    w("turning stored leads into HighLevel contacts in the in-process sandbox at the real rate limit")
    w("(100 calls per 10 s, so about 5 leads per second): that is the real system, and the backlog of")
    w("stored leads grows through the runs.")
    w("")
    w("| connections | embedded H2 | PostgreSQL | bare route | H2 / bare | PostgreSQL / bare |")
    w("|---|---|---|---|---|---|")

    def cell(target, c):
        runs = rates.get((target, c))
        if not runs:
            return None, "–"
        values = [r["rate"] for r in runs]
        median = statistics.median(values)
        p99 = statistics.median(r["p99_us"] for r in runs) / 1000
        return median, f"**{fmt(median)}** ({fmt(min(values))}–{fmt(max(values))}), p99 {fmt(p99, 1)} ms"

    for c in CONNECTIONS:
        h2, h2_text = cell("h2", c)
        pg, pg_text = cell("pg", c)
        bare, bare_text = cell("bare", c)
        ratio = lambda x: f"{x / bare:.2f}" if x and bare else "–"
        w(f"| {c} | {h2_text} | {pg_text} | {bare_text} | {ratio(h2)} | {ratio(pg)} |")
    w("")
    w("Each cell: median leads/s (lowest–highest of the runs), and the median of the runs' 99th percentile")
    w("response time.")
    errors = sum(r["non2xx"] + r["connect"] + r["read"] + r["write"] + r["timeout"] for r in intake)
    w(f"Non-2xx answers and socket errors over all intake runs: {errors}.")
    if exists("stored.txt"):
        stored = dict(line.split("=") for line in lines("stored.txt"))
        for target, label in (("h2", "embedded H2"), ("pg", "PostgreSQL")):
            sent = sum(r["requests"] - r["non2xx"] for r in intake if r["target"] == target)
            if target == "h2" and exists("fsync-wrk.json"):
                probe = json.loads(lines("fsync-wrk.json")[0])
                sent += probe["requests"] - probe["non2xx"]
            if target in stored:
                w(f"Leads answered 2xx on {label}, warm-up included: {fmt(sent)}; events in its store after"
                  f" the runs: {fmt(int(stored[target]))}.")
        w("The store may hold a few more than were counted: requests still in flight when `wrk` stopped a"
          " run were stored and answered, but not counted.")
    w("")
    h2_64, _ = cell("h2", 64)
    bare_64, _ = cell("bare", 64)
    if h2_64 is not None:
        targets.append(("intake ≥ 5,000 leads/s at 64 senders, embedded store", f"{fmt(h2_64)} leads/s",
                        h2_64 >= 5000))
    if h2_64 is not None and bare_64:
        targets.append(("intake ≥ 1/5 of the bare route at 64 senders", f"{h2_64 / bare_64:.2f} of "
                        f"{fmt(bare_64)} leads/s", h2_64 >= bare_64 / 5))

    # durability of the embedded store
    if exists("fsync-strace.txt") and exists("fsync-wrk.json"):
        probe = json.loads(lines("fsync-wrk.json")[0])
        counts = {}
        for line in lines("fsync-strace.txt"):
            parts = line.split()
            if len(parts) >= 5 and parts[0][0].isdigit() and parts[-1] != "total":
                counts[parts[-1]] = int(parts[3])
        syncs = sum(counts.get(k, 0) for k in ("fsync", "fdatasync", "sync_file_range", "msync"))
        w("### Durability of the embedded store")
        w("")
        w(f"`strace -f -c` on the bridge while `wrk` sent {fmt(probe['requests'] - probe['non2xx'])} leads"
          f" to the H2 store (4 connections, 5 s): {counts.get('pwrite64', 0)} positional file writes"
          f" (`pwrite64`), and {syncs} calls to fsync, fdatasync, sync_file_range or msync in the whole"
          " process.")
        w("")
        w("")

# --- 2. latency
if exists("latency-sent.tsv") and exists("latency-contacts.json"):
    from datetime import datetime

    def epoch_ms(text):
        return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(
            tzinfo=__import__("datetime").timezone.utc).timestamp() * 1000

    sent = {}
    answer = []
    for line in lines("latency-sent.tsv"):
        lead, email, scheduled, answered, status = line.split("\t")
        sent[email] = int(scheduled)
        if status.startswith("2"):
            answer.append(int(answered) - int(scheduled))
    with open(path("latency-contacts.json")) as f:
        contacts = json.load(f)["contacts"]
    to_contact, to_note = [], []
    for contact in contacts:
        t = sent.get(contact.get("email"))
        if t is None:
            continue
        to_contact.append(epoch_ms(contact["dateAdded"]) - t)
        notes = [epoch_ms(n["dateAdded"]) for n in contact.get("notes", [])]
        if notes:
            to_note.append(min(notes) - t)
    inbox = []
    if exists("latency-inbox.tsv"):
        for line in lines("latency-inbox.tsv"):
            key, status, attempts, received, finished = (line.split("\t") + [""])[:5]
            if status == "done" and finished and ":lat-" in key:
                inbox.append(int(finished) - int(received))

    def row(label, values):
        if not values:
            return f"| {label} | – | – | – | – | 0 |"
        return (f"| {label} | {fmt(pct(values, 50))} | {fmt(pct(values, 95))} | {fmt(pct(values, 99))} |"
                f" {fmt(max(values))} | {len(values)} |")

    w("## 2. Lead to contact")
    w("")
    w(f"`bench/java/.../PacedSender` posts {len(sent)} distinct leads at a fixed {M.get('latency_rate')}"
      f" leads/s for {M.get('latency_seconds')} s, each at its scheduled time whatever the answers before")
    w("it (so a slow bridge cannot hold the sender back and hide its delay), after 15 s of warm-up at the")
    w("same rate that is not counted. The sandbox rate limit and the")
    w("bridge's `highlevel.rate-limit.max` are raised so the limit does not dominate. Times in ms, from the")
    w("lead's scheduled post time:")
    w("")
    w("| measured to | p50 | p95 | p99 | max | leads |")
    w("|---|---|---|---|---|---|")
    w(row("intake answered 2xx", answer))
    w(row("**contact exists** in the sandbox (its `dateAdded`)", to_contact))
    w(row("note added (the lead fully in HighLevel)", to_note))
    w(row("inbox: `received_at` → `finished_at` (store's own times)", inbox))
    w("")
    w("The first three rows use the sender's clock and the sandbox's timestamps (one machine, one clock);")
    w("the last is the bridge's own record, read from its store after the run, and leaves out the time")
    w("before the lead was stored.")
    w("")
    if to_contact:
        p99 = pct(to_contact, 99)
        targets.append(("lead → contact p99 < 250 ms at 50 leads/s", f"p99 {fmt(p99)} ms", p99 < 250))

# --- 3. budget
if exists("budget-calls.json"):
    with open(path("budget-calls.json")) as f:
        calls = json.load(f)
    stamps = sorted(calls.get("acceptedTimestamps", []))
    limited = sum(c["count"] for c in calls["calls"] if c["status"] == 429)
    accepted = calls["accepted"]
    leads = int(M.get("backlog", 1000))
    # the lead flow's own calls; others (a tag rule reading the location's custom fields once) are listed
    lead_paths = ("/contacts/upsert", "/contacts/{contactId}/notes", "/contacts/{contactId}/tags")
    lead_calls = sum(c["count"] for c in calls["calls"] if c["path"] in lead_paths and c["status"] != 429)
    other_calls = ", ".join(f"{c['method']} {c['path']} {c['count']}" for c in calls["calls"]
                            if c["path"] not in lead_paths) or "none"
    done = []
    if exists("budget-inbox.tsv"):
        for line in lines("budget-inbox.tsv"):
            key, status, attempts, received, finished = (line.split("\t") + [""])[:5]
            done.append((status, int(received), int(finished) if finished else None))
    w("## 3. HighLevel budget use")
    w("")
    w(f"{leads} plain leads for one location posted at once (in about {leads / 500:.0f} s), the sandbox at")
    w("HighLevel's real limit of 100 calls per 10 s per location, the bridge at its defaults but for")
    w("`lead.tags`, left empty: a plain lead is an upsert and a note. With lead tags (the default")
    w("`networx,{network},{task_category}`) each lead takes a third call, `POST /contacts/{id}/tags`:")
    w("tags in the upsert would replace those of a contact HighLevel already has.")
    w("")
    if stamps:
        first, last = stamps[0], stamps[-1]
        windows = []
        t = first
        while t <= last:
            windows.append(sum(1 for s in stamps if t <= s < t + 10_000))
            t += 10_000
        full = windows[:-1] if len(windows) > 1 else windows
        sliding = max(sum(1 for s in stamps[i:] if s < stamps[i] + 10_000) for i in range(len(stamps)))
        use = statistics.mean(full) / 100
        finished = [f for s, r, f in done if s == "done" and f]
        received = [r for s, r, f in done]
        drain_min = (max(finished) - min(received)) / 60000 if finished and received else None
        w("| figure | value |")
        w("|---|---|")
        w(f"| calls accepted by the sandbox | {accepted} |")
        w(f"| calls of the lead flow per lead (upsert, note, tags) | {lead_calls / leads:.2f} |")
        w(f"| other calls in the same time | {other_calls} |")
        w(f"| 429 answers | {limited} |")
        w(f"| calls per 10 s window from the first call, full windows | mean {statistics.mean(full):.1f},"
          f" min {min(full)}, max {max(full)} |")
        w(f"| most calls in any 10 s (sliding, by the sandbox's accept times) | {sliding} |")
        w(f"| use of the limit (mean of full windows / 100) | {use:.0%} |")
        if drain_min is not None:
            w(f"| minutes to drain (first lead stored → last lead done) | {drain_min:.2f} |")
        w(f"| leads done / dead / other | {sum(1 for d in done if d[0] == 'done')} /"
          f" {sum(1 for d in done if d[0] == 'dead')} / {sum(1 for d in done if d[0] not in ('done', 'dead'))} |")
        w("")
        w("Calls per window: " + ", ".join(str(n) for n in windows) + ".")
        w("")
        targets.append(("budget ≥ 90% of the limit", f"{use:.0%}", use >= 0.9))
        targets.append(("zero 429s", str(limited), limited == 0))
        targets.append(("≤ 2 calls per plain lead", f"{lead_calls / leads:.2f}", lead_calls / leads <= 2))

# --- 4. start-up and memory
if exists("startup.tsv"):
    starts = [line.split("\t") for line in lines("startup.tsv")]
    w("## 4. Start-up and memory")
    w("")
    w("Start-up is measured from the shell starting `java` to `/observe/health/ready` answering 200 (polled")
    w("every 50 ms), on a fresh store each time (schema migration included); idle RSS is read 5 s later.")
    w("")
    w("| start | ready after (ms) | idle RSS (MB) |")
    w("|---|---|---|")
    for name, ms, rss in starts:
        w(f"| {name} | {fmt(int(ms))} | {int(rss) / 1024:.0f} |")
    w("")
    ready = statistics.median(int(ms) for _, ms, _ in starts)
    idle = max(int(rss) for _, _, rss in starts) / 1024
    loaded = 0
    for target in ("h2", "pg"):
        if exists(f"rss-{target}.txt"):
            samples = [int(v) for v in lines(f"rss-{target}.txt")]
            if samples:
                peak = max(samples) / 1024
                loaded = max(loaded, peak)
                w(f"RSS under scenario 1 on {'embedded H2' if target == 'h2' else 'PostgreSQL'}: highest"
                  f" of {len(samples)} samples (one a second) {peak:.0f} MB.")
    w("")
    targets.append(("ready < 5 s from JVM start", f"median {fmt(ready)} ms", ready < 5000))
    peak = max(idle, loaded)
    targets.append(("< 400 MB resident", f"idle ≤ {idle:.0f} MB, under load ≤ {loaded:.0f} MB", peak < 400))

# --- summary up front
summary = ["## Targets", "", "| target | this run | |", "|---|---|---|"]
for name, figure, met in targets:
    summary.append(f"| {name} | {figure} | {'met' if met else '**missed**'} |")
summary.append("")
at = doc.index("## Conditions")
doc[at:at] = summary

notes_file = os.path.join(os.path.dirname(os.path.abspath(__file__)), "notes.md")
if os.path.exists(notes_file):
    with open(notes_file) as f:
        doc.append(f.read().rstrip())
print("\n".join(doc))
