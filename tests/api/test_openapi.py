import re

import pytest
from django.urls import URLPattern, reverse
from openapi_spec_validator import validate

from api import urls as api_urls
from api.openapi import PREFIX, document

pytestmark = pytest.mark.django_db

# Pages for people that live under the API's prefix but are not part of its contract.
PAGES_FOR_PEOPLE = {"tokens", "token_revoke"}


def test_document_is_a_valid_openapi_31_document():
    spec = document()
    assert spec["openapi"].startswith("3.1")
    validate(spec)  # raises on any structural error


def test_every_api_url_pattern_is_documented():
    documented = set(document()["paths"])
    for pattern in api_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        if pattern.name in PAGES_FOR_PEOPLE:
            continue
        path = PREFIX + "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(pattern.pattern))
        assert path in documented, f"{pattern.name} ({path}) is missing from api/openapi.py"


def test_every_documented_path_exists():
    routes = {PREFIX + "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(pattern.pattern))
              for pattern in api_urls.urlpatterns}
    assert set(document()["paths"]) <= routes


def test_document_is_served_without_a_token(client):
    response = client.get(reverse("api:openapi"))
    assert response.status_code == 200
    assert response.json() == document()
