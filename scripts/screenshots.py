"""Take the README's screenshots: a fresh demo database, the dev server, Chromium per role.

Usage: .venv/bin/python scripts/screenshots.py   (writes docs/screenshots/*.png)
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
PASSWORD = "demo-pass-2026"  # noqa: S105 - the documented demo login
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# (file name, demo user, path, caption)
SHOTS = (
    ("home", "exec", "/", "Executive home: alliance numbers, open risks and what needs attention."),
    ("am-home", "am", "/", "Account manager home: due action items, feedback waiting for an answer, cadences."),
    ("advertisers", "am", "/advertisers/", "Advertisers with their manager, tier and trust score."),
    ("publishers", "am", "/publishers/", "Publishers: media, KOLs and platform accounts."),
    ("account", "am", "/accounts/1/", "An account page: contacts, meetings, action items, cadence, feedback, "
     "performance and its timeline."),
    ("meeting", "am", "/meetings/1/", "Meeting minutes with decisions and action items."),
    ("campaigns", "lead", "/campaigns/", "Campaigns a project lead runs, with status and launch dates."),
    ("campaign", "lead", "/campaigns/1/", "A campaign page: plan backwards from launch, reviews, KPI targets."),
    ("plan-board", "lead", "/campaigns/board/", "The plan board: every open step by due date and owner."),
    ("notifications", "lead", "/notifications/", "Notifications: milestone reminders and escalations."),
    ("imports", "lead", "/imports/", "Performance imports: history of uploaded platform exports."),
    ("dashboard", "exec", "/reports/dashboard/", "ROI dashboard: filters applied in place, charts with "
     "their numbers as tables and CSV/XLSX downloads."),
    ("portfolio", "am", "/reports/portfolio/", "Portfolio: an account manager's accounts against their targets."),
    ("reports", "exec", "/reports/", "Scheduled reports and their history."),
    ("feedback-inbox", "am", "/feedback/", "Feedback inbox with response deadlines and priorities."),
    ("feedback", "am", "/feedback/1/", "One feedback item: thread of replies and notes, status and deadline."),
    ("feedback-dashboard", "exec", "/feedback/dashboard/", "Feedback dashboard: ratings, NPS, topics and "
     "response times."),
    ("crisis", "exec", "/crisis/", "Trust and crisis dashboard: open signals, incidents and trust scores."),
    ("incidents", "exec", "/crisis/incidents/", "Trust-repair incidents with owners and state."),
)
GALLERY = ROOT / "docs" / "screenshots.md"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db_path, port):
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{db_path}"}
    env.pop("REDIS_URL", None)
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run([python, "manage.py", "seed_demo"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    server = subprocess.Popen([python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
                              cwd=ROOT, env=env, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    for _ in range(60):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("the development server did not start")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    port = free_port()
    taken = []
    with tempfile.TemporaryDirectory() as tmp:
        server = start_server(Path(tmp) / "demo.sqlite3", port)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
                for name, username, path, caption in SHOTS:
                    context = browser.new_context(viewport={"width": 1366, "height": 900})
                    page = context.new_page()
                    page.goto(f"http://127.0.0.1:{port}/login/")
                    page.fill("#id_username", username)
                    page.fill("#id_password", PASSWORD)
                    page.click("button[type=submit]")
                    page.wait_for_url(f"http://127.0.0.1:{port}/")
                    response = page.goto(f"http://127.0.0.1:{port}{path}")
                    if response is None or response.status != 200:
                        print(f"skip {name}: {path} answered {response and response.status}")
                        context.close()
                        continue
                    page.wait_for_load_state("networkidle")
                    page.screenshot(path=str(OUT / f"{name}.png"), full_page=False)
                    print(f"docs/screenshots/{name}.png")
                    taken.append((name, username, caption))
                    context.close()
                browser.close()
        finally:
            server.terminate()
    write_gallery(taken)


def write_gallery(taken):
    """docs/screenshots.md: every picture just taken, with its caption and who is signed in."""
    lines = ["# Screenshots", "",
             "The key pages on the demo data (`make run`), taken by `scripts/screenshots.py` with Chromium "
             "at 1366x900. The demo login is named under each picture; every password is `demo-pass-2026`.", ""]
    for name, username, caption in taken:
        title = caption.rstrip(".")
        lines += [f"## {title}", "", f"![{title}](screenshots/{name}.png)", "",
                  f"Signed in as `{username}`.", ""]
    GALLERY.write_text("\n".join(lines))
    print(GALLERY.relative_to(ROOT))


if __name__ == "__main__":
    main()
