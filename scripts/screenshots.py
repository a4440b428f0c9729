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

# (file name, demo user, path)
SHOTS = (
    ("home", "exec", "/"),
    ("am-home", "am", "/"),
    ("advertisers", "am", "/advertisers/"),
    ("account", "am", "/accounts/1/"),
    ("campaigns", "lead", "/campaigns/"),
    ("campaign", "lead", "/campaigns/1/"),
    ("plan-board", "lead", "/campaigns/board/"),
    ("dashboard", "exec", "/reports/dashboard/"),
    ("portfolio", "am", "/reports/portfolio/"),
    ("feedback-inbox", "am", "/feedback/"),
    ("crisis", "exec", "/crisis/"),
    ("reports", "exec", "/reports/"),
)


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
    with tempfile.TemporaryDirectory() as tmp:
        server = start_server(Path(tmp) / "demo.sqlite3", port)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
                for name, username, path in SHOTS:
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
                    context.close()
                browser.close()
        finally:
            server.terminate()


if __name__ == "__main__":
    main()
