import os
import socket
import time

from celery import shared_task

MAX_HOLD_SECONDS = 5


@shared_task
def ping(hold_seconds=0):
    """Reports which process ran it: proves a real worker is consuming the queue.

    `hold_seconds` keeps the worker busy that long, so several pings spread over several workers.
    """
    time.sleep(min(max(float(hold_seconds), 0), MAX_HOLD_SECONDS))
    return {"pid": os.getpid(), "host": socket.gethostname()}
