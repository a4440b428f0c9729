import pytest
from django.conf import settings

from tests.faults.stack import RedisServer, SmtpServer, Stack, have_redis_server


@pytest.fixture
def redis(tmp_path):
    if not have_redis_server():
        pytest.skip("needs redis-server on PATH")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def smtp():
    server = SmtpServer()
    yield server
    server.stop()


@pytest.fixture
def make_stack(tmp_path, redis, smtp):
    if not settings.USES_POSTGRES:
        pytest.skip("the subprocesses share the test database only on PostgreSQL")
    stacks = []

    def make(**overrides):
        stacks.append(Stack(tmp_path, redis, smtp, **overrides))
        return stacks[-1]

    yield make
    for stack in stacks:
        stack.stop()
