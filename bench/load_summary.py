"""Locust's stats CSV as the Markdown table bench/README.md records: per page and overall.

    .venv/bin/python bench/load_summary.py bench/load/locust_stats.csv
"""

import csv
import sys

COLUMNS = ("Request Count", "Failure Count", "Requests/s", "50%", "95%", "99%", "Max Response Time")


def table(path):
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    lines = ["| page | requests | errors | req/s | p50 ms | p95 ms | p99 ms | max ms |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for row in sorted(rows, key=lambda row: (row["Name"] == "Aggregated", row["Name"])):
        name = "**overall**" if row["Name"] == "Aggregated" else row["Name"]
        values = [row[column] for column in COLUMNS]
        values[2] = f"{float(values[2]):.1f}"
        values[-1] = f"{float(values[-1]):.0f}"
        lines.append(f"| {name} | " + " | ".join(values) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(sys.argv[1]))
