"""A small production stack for fault tests: our own redis-server on a private port, gunicorn,
a Celery worker and beat as subprocesses, and a local SMTP server that can refuse mail.

Never the shared Redis on 6379: each test run starts and stops its own.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests
from aiosmtpd.controller import Controller
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_database_url():
    """The subprocesses must use the test database pytest-django created, not the configured one."""
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_for(predicate, timeout, what, interval=0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


class RedisServer:
    def __init__(self, workdir):
        self.port = free_port()
        self.workdir = workdir
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(self.answers, 10, "redis-server to start", 0.1)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.kill()  # as a crash: no save, no goodbye
            self.process.wait(timeout=10)

    def answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(16).startswith(b"+PONG")
        except OSError:
            return False


class RecordingHandler:
    """Accepts mail, or answers 451 "try later" while `refusing`."""

    def __init__(self):
        self.refusing = False
        self.refused = 0
        self.received = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.refusing:
                self.refused += 1
                return "451 4.3.0 Mail server temporarily unavailable"
            self.received.append(envelope)
        return "250 OK"

    def messages_to(self, address):
        with self.lock:
            return [envelope for envelope in self.received if address in envelope.rcpt_tos]


class SmtpServer:
    def __init__(self):
        self.port = free_port()
        self.handler = RecordingHandler()
        self.controller = None

    def start(self):
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


class Stack:
    """gunicorn + worker + beat wired to `redis` and `smtp`, on the pytest-django test database."""

    def __init__(self, tmp_path, redis, smtp, **overrides):
        self.tmp_path, self.redis, self.smtp = tmp_path, redis, smtp
        self.web_port = free_port()
        self.processes = {}
        self.env = {
            **os.environ, "DATABASE_URL": test_database_url(), "REDIS_URL": redis.url,
            "SECRET_KEY": settings.SECRET_KEY, "DEBUG": "0", "LOG_LEVEL": "WARNING",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(smtp.port), "EMAIL_TIMEOUT": "5",
            "EMAIL_RETRY_BASE": "1", "EMAIL_RETRY_MAX": "2", "EMAIL_MAX_ATTEMPTS": "100", "OUTBOX_RELAY_GRACE": "1",
            "OUTBOX_BEAT_SECONDS": "2", "RESUME_BEAT_SECONDS": "5", "OUTBOX_BROKER_PAUSE": "2",
            **overrides,
        }
        self.env.pop("CELERY_TASK_ALWAYS_EAGER", None)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.web_port}"

    def start_web(self):
        self._spawn("web", [sys.executable, "-m", "gunicorn", "socialcrm.wsgi:application", "-b",
                            f"127.0.0.1:{self.web_port}", "-w", "2", "--timeout", "60"])
        wait_for(self._web_answers, 60, "gunicorn to answer")

    def start_worker(self, name="worker"):
        self._spawn(name, [sys.executable, "-m", "celery", "-A", "socialcrm", "worker", "--pool=prefork",
                           "--concurrency=1", "--without-gossip", "--without-mingle", "--loglevel=WARNING",
                           "-n", f"{name}-{os.getpid()}@%h"])

    def start_beat(self):
        self._spawn("beat", [sys.executable, "-m", "celery", "-A", "socialcrm", "beat", "--loglevel=WARNING",
                             "-s", str(self.tmp_path / "beat-schedule")])

    def kill(self, name):
        """SIGKILL the whole process group: the worker and its pool children die at once."""
        process = self.processes.pop(name)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop(self):
        for name in list(self.processes):
            process = self.processes.pop(name)
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)

    def manage(self, code):
        """Run Python in a fresh process of the application (as beat or a cron job would)."""
        subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=self.env,
                       check=True, timeout=120)

    def _spawn(self, name, command):
        log = open(self.tmp_path / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
        self.processes[name] = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=log,
                                                start_new_session=True)

    def _web_answers(self):
        assert self.processes["web"].poll() is None, "gunicorn exited"
        try:
            return requests.get(f"{self.url}/healthz", timeout=2).status_code < 500
        except requests.RequestException:
            return False

    def log(self, name):
        path = self.tmp_path / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""


def sign_in(stack, username, password):
    session = requests.Session()
    session.get(f"{stack.url}/login/", timeout=10)
    response = session.post(f"{stack.url}/login/", timeout=10, allow_redirects=False, data={
        "username": username, "password": password, "csrfmiddlewaretoken": session.cookies["csrftoken"]})
    assert response.status_code == 302, f"login failed: {response.status_code}"
    return session


def post_form(session, url, data, files=None):
    """POST like a browser: CSRF token from the cookie, timed, without following the redirect."""
    started = time.monotonic()
    response = session.post(url, data={**data, "csrfmiddlewaretoken": session.cookies.get("csrftoken", "")},
                            files=files, timeout=30, allow_redirects=False,
                            headers={"Referer": url})
    return response, time.monotonic() - started


def have_redis_server():
    return shutil.which("redis-server") is not None
