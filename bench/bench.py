#!/usr/bin/env python3
"""Helpers for bench/run.sh (Python 3 standard library only).

  bench.py timev FILE                  wall user sys maxrss_kb exit from a /usr/bin/time -v report
  bench.py count-csv FILE              CSV records after the header (.gz, .zst or plain), csv module
  bench.py count-lines FILE            lines after the header (.gz or plain), for mariadb --batch
  bench.py count-mydumper DIR TABLE    rows and bytes of mydumper's data files for TABLE
  bench.py digest FILE                 sha256 and size of the (decompressed) content
  bench.py compare DUMPER_CSV TSV      row-by-row comparison of dumper's CSV with mariadb --batch
  bench.py rowset DUMPER_CSV           header, row count and an order-independent digest of the rows
  bench.py report RESULTS_CSV ENV_FILE SECTION_MD BENCH_DIR
"""
import csv
import glob
import gzip
import hashlib
import io
import os
import re
import statistics
import subprocess
import sys

CHUNK = 1 << 20
# A section of RESULTS.md: results-<rows>.md, or results-<rows>-<letters>.md for a run of only some tools.
SECTION_FILE = re.compile(r"results-(\d+)(?:-([a-z]+))?\.md")


def open_bin(path):
    if path.endswith(".zst"):
        # Debian's Python has no zstandard module by default: the zstd command decompresses.
        return subprocess.Popen(["zstd", "-dcq", path], stdout=subprocess.PIPE).stdout
    return gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb")


# ---------------------------------------------------------------------------- timing

def parse_timev(path):
    vals = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if ":" not in line:
                continue
            key, _, val = line.strip().rpartition(": ")
            vals[key.strip()] = val.strip()
    wall = vals.get("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    if wall is None:
        raise SystemExit(f"no wall time in {path}")
    secs = 0.0
    for part in wall.split(":"):
        secs = secs * 60 + float(part)
    return {
        "wall": secs,
        "user": float(vals.get("User time (seconds)", "nan")),
        "sys": float(vals.get("System time (seconds)", "nan")),
        "maxrss": int(vals.get("Maximum resident set size (kbytes)", "0")),
        "exit": int(vals.get("Exit status", "-1")),
    }


def cmd_timev(path):
    t = parse_timev(path)
    print(f"{t['wall']:.2f} {t['user']:.2f} {t['sys']:.2f} {t['maxrss']} {t['exit']}")


# ---------------------------------------------------------------------------- counting

def cmd_count_csv(path):
    with open_bin(path) as b, io.TextIOWrapper(b, encoding="utf-8", newline="") as f:
        n = sum(1 for _ in csv.reader(f, strict=True))
    print(max(n - 1, 0))


def cmd_count_lines(path):
    n = 0
    last = b"\n"
    with open_bin(path) as f:
        while True:
            chunk = f.read(CHUNK)
            if not chunk:
                break
            n += chunk.count(b"\n")
            last = chunk[-1:]
    if last != b"\n":
        n += 1
    print(max(n - 1, 0))


def cmd_count_mydumper(directory, table):
    # mydumper writes one row per line, "(v1,v2,...)," with newlines inside strings escaped.
    rows = size = 0
    files = sorted(f for f in glob.glob(os.path.join(directory, f"*.{table}.*"))
                   if "-schema" not in f)
    for path in files:
        size += os.path.getsize(path)
        with open_bin(path) as f:
            for line in f:
                if line.startswith(b"("):
                    rows += 1
    print(rows, size, len(files))


def cmd_digest(path):
    h = hashlib.sha256()
    n = 0
    with open_bin(path) as f:
        while True:
            chunk = f.read(CHUNK)
            if not chunk:
                break
            h.update(chunk)
            n += len(chunk)
    print(h.hexdigest(), n)


# ---------------------------------------------------------------------------- comparison

# One RFC 4180 field: quoted (quotes doubled) or unquoted (no comma, quote).
FIELD = re.compile(r'"([^"]*(?:""[^"]*)*)"|([^,"]*)')


def parse_record(s):
    """Fields of one CSV record (no trailing newline); None for an empty unquoted field."""
    out = []
    pos, end = 0, len(s)
    while True:
        m = FIELD.match(s, pos)
        if m.group(1) is not None:
            out.append(m.group(1).replace('""', '"'))
        else:
            v = m.group(2)
            out.append(None if v == "" else v)
        pos = m.end()
        if pos == end:
            return out
        if s[pos] != ",":
            raise ValueError(f"bad CSV near {s[max(0, pos - 40):pos + 40]!r}")
        pos += 1


def dumper_records(path):
    """dumper's CSV, keeping NULL (empty unquoted) apart from '' (quoted empty)."""
    with open_bin(path) as b, io.TextIOWrapper(b, encoding="utf-8", newline="") as f:
        buf = None
        for line in f:  # newline='' also splits on a lone CR; quote counting rejoins records
            if buf is None:
                if '"' not in line:
                    if line.endswith("\n"):
                        line = line[:-1]
                    yield [None if v == "" else v for v in line.split(",")]
                    continue
                buf = line
            else:
                buf += line
            if buf.count('"') % 2 == 0:
                if buf.endswith("\n"):
                    buf = buf[:-1]
                yield parse_record(buf)
                buf = None
        if buf is not None:
            raise ValueError("unterminated quoted field at end of file")


UNESCAPE = {"\\0": "\0", "\\t": "\t", "\\n": "\n", "\\\\": "\\"}
ESC = re.compile(r"\\[0tn\\]")


def tsv_records(path):
    """mariadb --batch output: tab-separated, NULL as the text NULL, \\0 \\t \\n \\\\ escaped."""
    with open_bin(path) as f:
        for raw in f:  # binary: splits on LF only, a raw CR stays inside its field
            line = raw.decode("utf-8")
            if line.endswith("\n"):
                line = line[:-1]
            fields = line.split("\t")
            if "\\" in line:
                fields = [ESC.sub(lambda m: UNESCAPE[m.group(0)], v) for v in fields]
            yield fields


def norm_dumper(rec):
    # mariadb --batch cannot tell NULL from the string 'NULL': map NULL to that text.
    return ["NULL" if v is None else v for v in rec]


def cmd_compare(dumper_csv, tsv):
    a, b = dumper_records(dumper_csv), tsv_records(tsv)
    ha, hb = next(a, None), next(b, None)
    problems = []
    if ha != hb:
        problems.append(f"header differs: dumper {ha} vs mariadb {hb}")
    rows = id_mismatch = val_mismatch = 0
    examples = []
    only_a = only_b = 0
    sentinel = object()
    while True:
        ra, rb = next(a, sentinel), next(b, sentinel)
        if ra is sentinel and rb is sentinel:
            break
        if ra is sentinel:
            only_b += 1
            continue
        if rb is sentinel:
            only_a += 1
            continue
        rows += 1
        if ra[0] != rb[0]:
            id_mismatch += 1
            if len(examples) < 5:
                examples.append(f"row {rows}: id {ra[0]!r} vs {rb[0]!r}")
        elif norm_dumper(ra) != rb:
            val_mismatch += 1
            if len(examples) < 5:
                examples.append(f"row {rows} (id {ra[0]}): dumper {norm_dumper(ra)!r} vs mariadb {rb!r}")
    if id_mismatch or val_mismatch or only_a or only_b:
        problems.append(f"{id_mismatch} id mismatches, {val_mismatch} value mismatches, "
                        f"{only_a} rows only in dumper, {only_b} rows only in mariadb")
    problems.extend(examples)
    if problems:
        print(f"MISMATCH after {rows} rows compared:\n  " + "\n  ".join(problems))
        sys.exit(1)
    print(f"match: {rows} rows, ids and all {len(ha or [])} normalised values equal")


def cmd_rowset(path):
    """Equal for two files that hold the same rows (NULL kept apart from ''), in any order."""
    records = dumper_records(path)
    header = next(records, None)
    total, rows = 0, 0
    for rec in records:
        rows += 1
        total += int.from_bytes(hashlib.blake2b(repr(rec).encode("utf-8"), digest_size=16).digest(), "big")
    head = hashlib.sha256(repr(header).encode("utf-8")).hexdigest()[:12]
    print(f"{rows} rows, header {head}, rows digest {total % (1 << 128):032x}")


# ---------------------------------------------------------------------------- report

def read_env(path):
    env = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if "=" in line:
                k, _, v = line.partition("=")
                env[k] = v
    return env


def fnum(x, digits=1):
    return "n/a" if x is None else f"{x:,.{digits}f}"


def targets(stats, ref_bytes, nproc, env, startup):
    """Issue 14's goals, each with what it needs and what was measured. Where a speed goal needs
    less time than the CPU the work itself costs on this machine's cores (the server's CPU for
    the query, measured with a client that discards the rows, plus the CPU of compressing the
    text), it says so: no client gets below that floor."""
    def get(tool, key):
        return stats.get(tool, {}).get(key)

    def yes(ok):
        return "n/a" if ok is None else ("**met**" if ok else "not met")

    a, b, c, f, g, k, m, n = (get(t, "wall") for t in (
        "dumper-gzip", "dumper-plain", "old-tool", "mariadb-devnull", "mydumper", "dumper-gzip-pk",
        "dumper-zstd", "dumper-gzip-zlib"))

    def extra_cpu(tool, without):
        """CPU a tool spends beyond the same run without compression: the cost of compressing."""
        cpu, base = get(tool, "cpu"), get(without, "cpu")
        return cpu - base if cpu and base else None

    deflate = [x for x in (extra_cpu("dumper-gzip", "dumper-plain"), extra_cpu("mariadb-gzip", "mariadb-devnull")) if x]

    def floor(need, server_tool):
        server = get(server_tool, "srv")
        if not server or not deflate:
            return ""
        least = (server + min(deflate)) / nproc
        if need >= least:
            return ""
        return (f"below the floor: the server's CPU for these queries ({server:.1f} s, {server_tool.split('-')[0]} "
                f"run {stats[server_tool]['label'][0]}) plus deflating the text ({min(deflate):.1f} s, the least of "
                f"dumper's and gzip's) is {least:.2f} s on {nproc} cores")

    rows = []
    if a and g:
        rows.append(("gzip, the seed's shape (weekly, ORDER BY): at least mydumper's rows/s", f"≤ {g:.2f} s",
                     f"{a:.2f} s (a), {g / a:.2f}×", yes(a <= g), floor(g, "mariadb-weekly-devnull")))
        rows.append(("stretch: 1.3× mydumper's rows/s (a)", f"≤ {g / 1.3:.2f} s", f"{a:.2f} s (a)", yes(a <= g / 1.3),
                     floor(g / 1.3, "mariadb-weekly-devnull")))
    if k and g:
        rows.append(("gzip, the unordered range (mydumper's access path): at least mydumper's rows/s", f"≤ {g:.2f} s",
                     f"{k:.2f} s (k), {g / k:.2f}×", yes(k <= g), floor(g, "mariadb-pk-devnull")))
        rows.append(("stretch: 1.3× mydumper's rows/s (k)", f"≤ {g / 1.3:.2f} s", f"{k:.2f} s (k)", yes(k <= g / 1.3),
                     floor(g / 1.3, "mariadb-pk-devnull")))
    size = get("dumper-gzip", "size")
    if size and ref_bytes:
        rows.append(("gzip size at most 1.05× gzip -6", "≤ 1.050×", f"{size / ref_bytes:.3f}×", yes(size <= 1.05 * ref_bytes), ""))
    old_tool = "c"
    if c is None and env.get("old_tool_recorded_s"):
        c, old_tool = float(env["old_tool_recorded_s"]), "c not run: its time recorded earlier"
    if a and c:
        rows.append(("at least 8× the old tool", f"≤ {c / 8:.2f} s ({old_tool}, {c:.2f} s)", f"{a:.2f} s (a), {c / a:.1f}×",
                     yes(c / a >= 8), floor(c / 8, "mariadb-weekly-devnull")))
    zsize = get("dumper-zstd", "size")
    if a and m and size and zsize:
        rows.append(("zstd: faster than dumper's gzip, at a smaller file", f"< {a:.2f} s, < {size / 1e6:.1f} MB",
                     f"{m:.2f} s (m), {zsize / 1e6:.1f} MB ({zsize / size:.2f}× a's)", yes(m < a and zsize < size), ""))
    version = {r["variant"]: r for r in startup if r["command"] == "--version"}
    cache_row = next((r for v, r in version.items() if "AOT cache" in v and "no AOT" not in v), None)
    with_cache = float(cache_row["median_wall_s"]) if cache_row else None
    before_row = next((r for v, r in version.items() if v.startswith("before")), None)
    if before_row:
        before = float(before_row["median_wall_s"])
        source = f"measured in this run, best {float(before_row['min_wall_s']):.2f} s"
    else:
        before, source = float(env.get("before_startup_s") or 0) or None, "recorded before issue 14, Java 17, no cache"
    if with_cache and before:
        rows.append(("start-up of `--version` at most half of before", f"≤ {before / 2:.2f} s (before {before:.2f} s, {source})",
                     f"{with_cache:.2f} s (best {float(cache_row['min_wall_s']):.2f} s), {before / with_cache:.1f}× faster",
                     yes(with_cache <= before / 2), ""))
    # Issue 14's memory goal is the text runs'; Parquet holds a row group per thread and has issue 24's.
    rss = [s["rss"] for t, s in stats.items() if t.startswith("dumper") and t != "dumper-parquet" and s.get("rss")]
    if rss:
        rows.append(("peak RSS at most 160 MB (every dumper text run)", "≤ 160 MB", f"{max(rss):.1f} MB", yes(max(rss) <= 160), ""))
    compare = env.get("compare", "")
    if compare and not compare.startswith("not run"):  # d did not run (BENCH_ONLY): nothing to judge
        same = compare.startswith("match") and "DIFFERENT" not in env.get("gz_vs_plain", "DIFFERENT")
        rows.append(("rows unchanged (value by value against mariadb --batch; every output equal after decompression)",
                     "match", compare.strip()[:80], yes(same), ""))
    if b and f:
        rows.append(("(issue 5) no compression: 85% of mariadb > /dev/null's rate", f"≤ {f / 0.85:.2f} s",
                     f"{b:.2f} s (b), {f / b:.0%}", yes(f / b >= 0.85), ""))
    if not rows:
        return []
    out = ["| goal (issue 14) | needs | measured | | floor, where the work itself costs more |", "|---|---|---|---|---|"]
    out += [f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} | {r[4]} |" for r in rows]
    out.append("")
    if a and n:
        out.append(f"Lever, gzip through libdeflate (a) against java.util.zip (n), both at dumper's default level: "
                   f"{n:.2f} → {a:.2f} s wall, client CPU {get('dumper-gzip-zlib', 'cpu'):.1f} → {get('dumper-gzip', 'cpu'):.1f} s, "
                   f"{get('dumper-gzip-zlib', 'size') / 1e6:.1f} → {size / 1e6:.1f} MB.")
        out.append("")
    return out


def parquet_table(stats, env):
    """Issue 24: dumper's Parquet file (o) beside its gzip CSV (a), and DuckDB's answer to the
    analyst's query on each; then the issue's goals."""
    o, a = stats.get("dumper-parquet"), stats.get("dumper-gzip")
    if not o:
        return []

    def duck(key):
        # rows sum best runs version codecs, as bench/DuckQuery.java prints them ("error" alone when it failed)
        f = env.get(key, "").split()
        return dict(zip(("rows", "sum", "best", "runs", "version", "codecs"), f)) if len(f) == 6 else None

    def yes(ok):
        return "**met**" if ok else "not met"

    column = env.get("duck_column", "?")
    dc, dp = duck("duck_a"), duck("duck_o")
    out = ["### Parquet beside gzip CSV (issue 24)", ""]
    if dp:
        out += [f"DuckDB {dp['version']} (JDBC, `bench/DuckQuery.java`), `SELECT count(*), sum({column}) FROM <file>` on "
                f"round 1's files, best of 3, each run in a fresh in-memory database (load average {env.get('duck_load') or 'n/a'} "
                f"before):", "",
                "| file | read with | output MB | rows | sum | best s | runs (s) |", "|---|---|---:|---:|---:|---:|---|"]
        for name, s, d, reader in (("a. gzip CSV (`.csv.gz`)", a, dc, "read_csv_auto"),
                                   (f"o. Parquet (`.parquet`, {dp['codecs']} column chunks)", o, dp, "read_parquet")):
            if d:
                size = fnum(s["size"] / 1e6) if s and s.get("size") else "n/a"
                out.append(f"| {name} | `{reader}` | {size} | {int(d['rows']):,} | {int(d['sum']):,} | {float(d['best']):.3f} | "
                           f"{d['runs'].replace('/', ' / ')} |")
        out.append("")
    else:
        out += [f"DuckDB could not read o's file: {env.get('duck_o') or 'not run'}.", ""]
    out += [f"o's rows against a's: {env.get('parquet_vs_a', 'not run')}.", ""]
    goals = []
    if a and a.get("wall") and o.get("wall"):
        goals.append(("Parquet export within 1.3× the gzip CSV export's wall time", f"≤ {1.3 * a['wall']:.2f} s (a: {a['wall']:.2f} s)",
                      f"{o['wall']:.2f} s (o), {o['wall'] / a['wall']:.2f}×", yes(o["wall"] <= 1.3 * a["wall"])))
    if a and a.get("size") and o.get("size"):
        goals.append(("file at most 0.8× the gzip CSV's size", f"≤ {0.8 * a['size'] / 1e6:.1f} MB (a: {a['size'] / 1e6:.1f} MB)",
                      f"{o['size'] / 1e6:.1f} MB, {o['size'] / a['size']:.2f}×", yes(o["size"] <= 0.8 * a["size"])))
    if o.get("rss"):
        goals.append(("peak RSS at most 250 MB (the Parquet run, highest round)", "≤ 250 MB", f"{o['rss']:.1f} MB",
                      yes(o["rss"] <= 250)))
    if dc and dp:
        tc, tp = float(dc["best"]), float(dp["best"])
        goals.append((f"DuckDB's `count(*), sum({column})` at least 5× faster on the Parquet file", f"≤ {tc / 5:.3f} s (CSV: {tc:.3f} s)",
                      f"{tp:.3f} s, {tc / tp:.0f}× faster" if tp > 0 else f"{tp:.3f} s", yes(tp > 0 and tc / tp >= 5)))
    if goals:
        out += ["| goal (issue 24) | needs | measured | |", "|---|---|---|---|"]
        out += [f"| {g[0]} | {g[1]} | {g[2]} | {g[3]} |" for g in goals]
        out.append("")
    return out


def startup_table(startup):
    if not startup:
        return []
    out = ["Start-up (wall time of the whole command, no database work; median and best of the timed runs):", "",
           "| command | JVM | runs | median wall s | best wall s | median CPU s | peak RSS MB | load average before |",
           "|---|---|---:|---:|---:|---:|---:|---:|"]
    for r in startup:
        out.append(f"| `{r['command']}` | {r['variant']} | {r['runs']} | {float(r['median_wall_s']):.2f} | "
                   f"{float(r['min_wall_s']):.2f} | {float(r['median_cpu_s']):.2f} | {int(r['max_rss_kb']) / 1024:.1f} | "
                   f"{r['load1_before']} |")
    return out + [""]


def cmd_report(results_csv, env_file, section_md, bench_dir):
    env = read_env(env_file)
    with open(results_csv, newline="", encoding="utf-8") as f:
        raw = list(csv.DictReader(f))
    order, by_tool = [], {}
    for r in raw:
        if r["tool"] not in by_tool:
            order.append(r["tool"])
            by_tool[r["tool"]] = []
        by_tool[r["tool"]].append(r)

    expected = int(env["expected_rows"])
    text_bytes = int(env.get("text_bytes") or 0)
    ref_bytes = int(env.get("gzip6_ref_bytes") or 0)

    def med(rs, key):
        vals = [float(r[key]) for r in rs if r[key] not in ("", "nan")]
        return statistics.median(vals) if vals else None

    stats = {}
    for tool in order:
        rs = by_tool[tool]
        sizes = [int(r["out_bytes"]) for r in rs if r["out_bytes"] not in ("", "0")]
        rss = [int(r["max_rss_kb"]) for r in rs if r["max_rss_kb"]]
        stats[tool] = {
            "label": rs[0]["label"],
            "wall": med(rs, "wall_s"),
            "walls": " / ".join(r["wall_s"] for r in rs),
            "cpu": med([{"c": str(float(r["user_s"]) + float(r["sys_s"]))} for r in rs], "c"),
            "srv": med(rs, "server_cpu_s"),
            "load": med(rs, "load1_before"),
            "rss": max(rss) / 1024 if rss else None,
            "size": sizes[-1] if sizes else None,
            "checks": sorted({r["check"] for r in rs}),
            "ok": all(r["exit"] == "0" and not r["check"].startswith("FAIL") for r in rs),
        }
    base = stats.get("dumper-gzip", {})
    lines = []
    w = lines.append
    if env.get("section") == "side":
        letters = env.get("letters", "")
        w(f"## {expected:,} rows ({env['rows_label']}), only {', '.join(letters)} (BENCH_ONLY), {env['rounds']} round(s), {env['date']}")
        w("")
        w("A run of only these tools: the section above, the latest run of all of them at this size, keeps the "
          "others' figures. Compare across the two sections with care: they were measured at different times.")
    else:
        w(f"## {expected:,} rows ({env['rows_label']}), {env['rounds']} round(s), {env['date']}")
    w("")
    if env.get("note"):
        w(f"**Note:** {env['note']}")
        w("")
    w(f"- Machine: {env['nproc']} cores ({env['cpu']}), {env['ram']} RAM; {env['os']}, kernel {env['kernel']}")
    w(f"- Java: {env['java']}; dumper: {env['dumper_version']} ({env['dumper_jar']}{env.get('dumper_commit', '')}), "
      f"JVM options `{env['java_opts']}`; AOT cache: {env.get('aot_cache', 'n/a')}")
    w(f"- MariaDB: {env['mariadb']} on the same machine (innodb_buffer_pool_size {env['buffer_pool']}); "
      f"client {env['mariadb_client']}")
    w(f"- mydumper {env['mydumper']}; pigz {env['pigz']}; gzip {env['gzip']}; "
      f"Python {env['python']} with PyMySQL {env['pymysql']}")
    w(f"- Range: {env['range']} (weekly batches where the tool batches); table `vaccination_event` "
      f"holds {int(env['table_rows']):,} rows, {expected:,} of them in the range")
    if text_bytes:
        w(f"- Uncompressed CSV text (dumper, no compression): {fnum(text_bytes / 1e6)} MB; "
          f"**size reference: `gzip -6` of that CSV = {fnum(ref_bytes / 1e6)} MB**")
    else:
        w("- Uncompressed CSV text and the `gzip -6` size reference: not measured (b not run); MB/s of CSV is n/a")
    w("")
    w("| tool | median wall s | rounds (s) | rows/s | MB/s of CSV | CPU s (client) | server CPU s | peak RSS MB | "
      "output MB | dumper-gzip speed × | dumper-gzip size ratio | rows check | load average before |")
    w("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|")
    for tool in order:
        s = stats[tool]
        wall = s["wall"]
        rps = expected / wall if wall else None
        mbs = text_bytes / 1e6 / wall if wall and text_bytes else None
        if tool == "dumper-gzip" or not base.get("wall") or not wall:
            speed = "—" if tool == "dumper-gzip" else "n/a"
        else:
            speed = f"{wall / base['wall']:.2f}"
        if tool == "dumper-gzip" or not s["size"] or not base.get("size"):
            sratio = "—" if tool == "dumper-gzip" else "n/a"
        else:
            sratio = f"{base['size'] / s['size']:.2f}"
        size = fnum(s["size"] / 1e6) if s["size"] else "—"
        check = ", ".join(s["checks"]) + ("" if s["ok"] else " **FAILED**")
        w(f"| {s['label'].replace('|', chr(92) + '|')} | {fnum(wall, 2)} | {s['walls']} | {fnum(rps, 0)} | {fnum(mbs)} | {fnum(s['cpu'])} | "
          f"{fnum(s['srv'])} | {fnum(s['rss'])} | {size} | {speed} | {sratio} | {check} | {fnum(s['load'], 2)} |")
    w("")
    if base.get("size") and ref_bytes:
        w(f"dumper's gzip file is {base['size'] / ref_bytes:.3f}× the `gzip -6` reference size.")
    # A run of only some tools leaves out the checks it did not run; a full run names them all.
    side = env.get("section") == "side"
    checks = [(what, env.get(key, "not run")) for key, what in (
        ("compare", "Comparison of dumper's gzip output with `mariadb --batch` (round 1)"),
        ("gz_vs_plain", "dumper gzip vs no-compression output"),
        ("pk_vs_a", "dumper in primary-key order (k) vs a")) if key in env or key != "pk_vs_a"]
    checks = [(what, verdict) for what, verdict in checks if not (side and verdict.startswith("not run"))]
    for what, verdict in checks:
        w(f"{what}: {verdict}")
    if checks or base.get("size") and ref_bytes:
        w("")
    lines.extend(parquet_table(stats, env))
    # results-<rows>[-<letters>].md has its start-up runs in startup-<rows>[-<letters>].csv.
    startup_csv = os.path.join(bench_dir, "startup-" + os.path.basename(section_md)[len("results-"):-len(".md")] + ".csv")
    startup = []
    if startup_csv and os.path.exists(startup_csv):
        with open(startup_csv, newline="", encoding="utf-8") as f:
            startup = list(csv.DictReader(f))
    lines.extend(startup_table(startup))
    lines.extend(targets(stats, ref_bytes, int(env['nproc']), env, startup))
    w("Notes: *dumper-gzip speed ×* = the tool's median wall time / dumper-gzip's (above 1: dumper is faster). "
      "*size ratio* = dumper-gzip's file size / the tool's output size (below 1: dumper's file is smaller). "
      "MB/s always divides dumper's uncompressed CSV size by the wall time, whatever the tool writes. "
      "Peak RSS is the highest of the rounds; for pipelines and mydumper's threads it is the largest single "
      "process (GNU time's maximum over the waited-for process tree), not a sum. "
      "*CPU s (client)* is user+sys of the whole measured command (all pipeline stages); "
      "*server CPU s* is mariadbd's CPU during the run (client and server share the same cores). "
      "Rows are counted by decompressing each output: with the csv module for dumper and the old tool, "
      "as lines for `mariadb --batch` (which escapes newlines), as `(...)` lines for mydumper's INSERTs, "
      "with DuckDB's `count(*)` for dumper's Parquet file.")
    if raw and "disturbed" in raw[0]:
        dist = [r for r in raw if r["disturbed"].startswith("yes")]
        repeated = sum(int(r["attempts"]) - 1 for r in raw if r.get("attempts"))
        w(f"- Shared machine: runs disturbed by other work (other processes over 5% of the CPU, or other clients "
          f"connecting to the server) were repeated {repeated} time(s) in all. "
          + (f"**{len(dist)} recorded run(s) were still disturbed: "
             + "; ".join(f"{r['tool']} round {r['round']} ({r['disturbed'][5:]})" for r in dist)
             + " — treat those numbers with care.**" if dist else "Every recorded run was undisturbed by those measures."))
    for note in env.get("notes", "").split("|"):
        if note:
            w(f"- {note}")
    w("")
    text = "\n".join(lines)
    with open(section_md, "w", encoding="utf-8") as f:
        f.write(text)
    print(text)

    # Each size's section, then the sections of runs of only some of its tools (results-<rows>-<letters>.md).
    found = (SECTION_FILE.fullmatch(os.path.basename(p)) for p in glob.glob(os.path.join(bench_dir, "results-*.md")))
    sections = [os.path.join(bench_dir, m.group(0))
                for m in sorted((m for m in found if m), key=lambda m: (int(m.group(1)), m.group(2) or ""))]
    # bench/source-impact.sh writes its section into RESULTS.md too; it must outlive this rewrite.
    impact = os.path.join(bench_dir, "source-impact.md")
    if os.path.exists(impact):
        sections.append(impact)
    with open(os.path.join(bench_dir, "RESULTS.md"), "w", encoding="utf-8") as f:
        f.write("# dumper benchmark results\n\n"
                "Written by `bench/run.sh` (one section per data size, the latest run of each size, followed by any "
                "later run of only some tools (`BENCH_ONLY`) at that size; raw per-round numbers in "
                "`bench/results-<rows>.csv`). Earlier runs kept for comparison: "
                "`bench/issue5-results-25000000.md` (25M rows, the Java 17 build before issue 14).\n\n")
        growth = memory_growth(bench_dir)
        if growth:
            f.write(growth + "\n\n")
        for p in sections:
            with open(p, encoding="utf-8") as s:
                f.write(s.read().rstrip("\n") + "\n\n")


def memory_growth(bench_dir):
    """The issue's flat-memory goal: dumper's peak RSS may grow less than 10% at 10x the rows."""
    peaks = {}
    for p in glob.glob(os.path.join(bench_dir, "results-*.csv")):
        if not re.fullmatch(r"results-\d+\.csv", os.path.basename(p)):
            continue  # a run of only some tools: each size's full run says how memory grows
        with open(p, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                if r["tool"] == "dumper-gzip" and r["max_rss_kb"]:
                    n = int(r["rows"])
                    peaks[n] = max(peaks.get(n, 0), int(r["max_rss_kb"]) / 1024)
    pairs = [(n, m) for n in peaks for m in peaks if m >= 10 * n]
    if not pairs:
        return ""
    n, m = max(pairs, key=lambda p: p[1] / p[0])
    change = peaks[m] / peaks[n] - 1
    verdict = "**met**" if change < 0.10 else "not met"
    return (f"Memory as rows grow (dumper, gzip): peak RSS {peaks[n]:.1f} MB at {n:,} rows, {peaks[m]:.1f} MB at "
            f"{m:,} rows ({m / n:.0f}× the rows): {change:+.1%}; goal: less than +10% — {verdict}.")


def main():
    cmds = {
        "timev": (cmd_timev, 1), "count-csv": (cmd_count_csv, 1), "count-lines": (cmd_count_lines, 1),
        "count-mydumper": (cmd_count_mydumper, 2), "digest": (cmd_digest, 1),
        "compare": (cmd_compare, 2), "rowset": (cmd_rowset, 1), "report": (cmd_report, 4),
    }
    if len(sys.argv) < 2 or sys.argv[1] not in cmds or len(sys.argv) - 2 != cmds[sys.argv[1]][1]:
        sys.exit(__doc__)
    fn, _ = cmds[sys.argv[1]]
    fn(*sys.argv[2:])


if __name__ == "__main__":
    main()
