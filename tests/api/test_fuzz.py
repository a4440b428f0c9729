"""Schema-driven fuzz: schemathesis reads the generated OpenAPI document and throws valid and invalid
requests at every operation, in process, through Django's WSGI application.

Every answer must be documented (status, content type, body schema), never a 500, and every error
must be the JSON error shape. Bounded so the whole file runs in well under a minute.
"""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from api.services import create_token

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 25


# Too many rows is refused as too large (413), as documented for POST /facts/.
REFUSALS = [400, 401, 403, 404, 405, 413]
CONFIG = schemathesis.Config.from_dict({
    "generation": {"mode": "all"},
    "checks": {"negative_data_rejection": {"expected-statuses": REFUSALS}},
})
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler(), config=CONFIG)


@pytest.fixture
def connection_kept(db):
    """Requests share the test's database transaction.

    Outside the test client, Django closes the connection after each request, which would end the
    transaction the test data lives in."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(alliance, connection_kept):
    _token, secret = create_token(user=alliance["lead_a"], name="fuzz")  # may read, push facts and feedback
    return secret


@schemathesis.check
def errors_are_json(ctx, response, case):
    """Every 4xx and 5xx carries {"error": {"code": str, "message": str}}."""
    if response.status_code < 400:
        return None
    error = response.json()["error"]
    assert isinstance(error["code"], str) and error["code"], "an error without a code"
    assert isinstance(error["message"], str) and error["message"], "an error without a message"
    return None


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_no_input_gives_a_500_or_an_undocumented_answer(case, token):
    response = case.call(headers={"Authorization": f"Bearer {token}"})
    case.validate_response(response, checks=[
        not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
        negative_data_rejection, ignored_auth, errors_are_json,
    ], headers={"Authorization": f"Bearer {token}"})
