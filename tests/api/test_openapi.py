"""The OpenAPI document is generated from the code (api/schemas.py, api/endpoints.py), not written beside it."""

import json
import re

import pytest
from django.urls import URLPattern, reverse
from openapi_spec_validator import validate

from accounts.models import Platform
from api import urls as api_urls
from api.endpoints import api
from feedback.models import Feedback
from reports.kpis import COUNTERS, KPIS, public_name

pytestmark = pytest.mark.django_db

PREFIX = "/api/v1/"
# Served by the framework around the operations: the document itself and the root (a 404).
FRAMEWORK_PATTERNS = {"openapi-json", "api-root"}


@pytest.fixture
def document(client):
    response = client.get(reverse("api:openapi-json"))
    assert response.status_code == 200
    return response.json()


def documented_route(pattern):
    return PREFIX + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(pattern.pattern))


def operation_patterns():
    return [pattern for pattern in api_urls.urlpatterns
            if pattern.name not in api_urls.PAGES_FOR_PEOPLE | FRAMEWORK_PATTERNS]


def test_document_is_served_without_a_token_and_is_valid_openapi_31(document):
    assert document["openapi"].startswith("3.1")
    validate(document)  # raises on any structural error


def test_the_served_document_is_the_one_generated_from_the_code(document):
    assert document == json.loads(json.dumps(api.get_openapi_schema(path_prefix=PREFIX)))


def test_every_api_url_pattern_is_documented_and_nothing_else(document):
    routes = set()
    for pattern in operation_patterns():
        assert isinstance(pattern, URLPattern)
        routes.add(documented_route(pattern))
    assert routes == set(document["paths"])


def test_every_operation_documents_its_json_errors(document):
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert operation["security"] == [{"BearerToken": []}], (method, path)
            for status in ("400", "401"):
                schema = operation["responses"][status]["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Error"}, (method, path, status)


def test_enumerations_follow_the_models_and_kpi_definitions(document):
    schemas = document["components"]["schemas"]
    assert schemas["Fact"]["properties"]["platform"]["enum"] == list(Platform.values)
    assert schemas["FeedbackIn"]["properties"]["kind"]["enum"] == list(Feedback.Kind.values)
    # summed daily reach is published as reach_daily_sum, never as reach (reports.kpis.public_name)
    assert set(schemas["Counters"]["required"]) == {public_name(name) for name in COUNTERS}
    assert set(schemas["Kpis"]["required"]) == set(KPIS)


def test_limits_are_documented_where_they_are_enforced(document):
    parameters = {parameter["name"]: parameter["schema"]
                  for parameter in document["paths"][PREFIX + "campaigns/"]["get"]["parameters"]}
    assert (parameters["page_size"]["minimum"], parameters["page_size"]["maximum"]) == (1, 200)
    pk = document["paths"][PREFIX + "campaigns/{pk}/"]["get"]["parameters"][0]["schema"]
    assert pk["maximum"] == 2**63 - 1
    body = document["paths"][PREFIX + "facts/"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body["maxItems"] == 10_000
