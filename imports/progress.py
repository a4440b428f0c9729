"""Live progress of a running import step, shared between the task and the polling page.

The commit writes inside one transaction, so a counter stored on the job row would stay invisible
to the page until the very end; the cache lives outside the transaction.
"""

import time
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

TIMEOUT = 6 * 3600
PHASES = {"check": _("Checking rows"), "write": _("Writing to the database")}


@dataclass
class Progress:
    phase: str
    done: int
    total: int
    started: float

    @property
    def label(self):
        return PHASES.get(self.phase, "")

    @property
    def percent(self):
        return min(99, self.done * 100 // self.total) if self.total else 0

    @property
    def seconds_left(self):
        """From the pace of this phase so far; None until there is a pace."""
        if not (self.done and self.total):
            return None
        elapsed = time.time() - self.started
        return max(0, round(elapsed / self.done * (self.total - self.done)))


def _key(job_id):
    return f"imports:progress:{job_id}"


def start_phase(job_id, phase, total):
    cache.set(_key(job_id), {"phase": phase, "done": 0, "total": total, "started": time.time()}, TIMEOUT)


def record_progress(job_id, done):
    state = cache.get(_key(job_id))
    if state is not None:
        cache.set(_key(job_id), {**state, "done": done}, TIMEOUT)


def clear_progress(job_id):
    cache.delete(_key(job_id))


def progress_of(job):
    """The running step's phase, rows done, total and time left; None when nothing runs."""
    if not job.is_running:
        return None
    state = cache.get(_key(job.pk))
    if state is None:
        return Progress(phase="", done=0, total=job.total_rows, started=time.time())
    return Progress(**state)
