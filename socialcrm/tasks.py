import os
import socket

from celery import shared_task


@shared_task
def ping():
    """Reports which process ran it: proves a real worker is consuming the queue."""
    return {"pid": os.getpid(), "host": socket.gethostname()}
