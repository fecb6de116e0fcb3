#!/usr/bin/env python3
"""The old tool's approach, for the benchmark: PyMySQL with an unbuffered SSCursor,
fetchmany(10000), the csv module writing into gzip.open, one query per weekly batch.

  old_tool.py --query-file bench/bench.sql --start 2024-01-01 --end 2024-06-30 --output F.csv.gz

END is a date and is included whole. Connection: --host/--port/--user/--password/--database
(defaults from DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, DB_NAME). Like a plain
gzip.open(path, 'wt') the gzip level is 9 unless --level says otherwise, and the csv module's
default dialect ends lines with CRLF and writes NULL as an empty field.
Needs Debian's python3-pymysql (run with /usr/bin/python3).
"""
import argparse
import csv
import datetime as dt
import gzip
import os
import re
import sys

import pymysql
import pymysql.cursors


def windows(start, end_inclusive, days):
    stop = end_inclusive + dt.timedelta(days=1)
    cur = start
    while cur < stop:
        nxt = min(cur + dt.timedelta(days=days), stop)
        yield dt.datetime.combine(cur, dt.time()), dt.datetime.combine(nxt, dt.time())
        cur = nxt


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--host", default=os.environ.get("DB_HOST", "127.0.0.1"))
    p.add_argument("--port", type=int, default=int(os.environ.get("DB_PORT", "3306")))
    p.add_argument("--user", default=os.environ.get("DB_USER", "root"))
    p.add_argument("--password", default=os.environ.get("DB_PASSWORD", ""))
    p.add_argument("--database", default=os.environ.get("DB_NAME", "dumper_bench"))
    p.add_argument("--query-file", required=True)
    p.add_argument("--start", required=True, type=dt.date.fromisoformat)
    p.add_argument("--end", required=True, type=dt.date.fromisoformat, help="last day, included")
    p.add_argument("--batch-days", type=int, default=7)
    p.add_argument("--fetch", type=int, default=10000)
    p.add_argument("--level", type=int, default=9, help="gzip level (gzip.open's default is 9)")
    p.add_argument("--output", required=True)
    a = p.parse_args()

    with open(a.query_file, encoding="utf-8") as f:
        sql = f.read().strip().rstrip(";")
    # :start / :end -> PyMySQL's pyformat parameters (a literal % must be doubled first).
    sql = re.sub(r":(start|end)\b", r"%(\1)s", sql.replace("%", "%%"))

    conn = pymysql.connect(host=a.host, port=a.port, user=a.user, password=a.password,
                           database=a.database, charset="utf8mb4",
                           cursorclass=pymysql.cursors.SSCursor)
    rows = 0
    tmp = a.output + ".tmp"
    try:
        with gzip.open(tmp, "wt", encoding="utf-8", newline="", compresslevel=a.level) as out:
            writer = csv.writer(out)
            header = False
            for ws, we in windows(a.start, a.end, a.batch_days):
                with conn.cursor() as cur:
                    cur.execute(sql, {"start": ws.strftime("%Y-%m-%d %H:%M:%S"),
                                      "end": we.strftime("%Y-%m-%d %H:%M:%S")})
                    if not header:
                        writer.writerow([d[0] for d in cur.description])
                        header = True
                    while True:
                        batch = cur.fetchmany(a.fetch)
                        if not batch:
                            break
                        writer.writerows(batch)
                        rows += len(batch)
        os.replace(tmp, a.output)
    finally:
        conn.close()
    print(f"{rows} rows -> {a.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
