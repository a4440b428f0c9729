"""Every reports view x every role: allowed roles read only what they may see, others get 403."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

VIEWS = {
    "dashboard": lambda: reverse("reports:dashboard"),
    "export": lambda: reverse("reports:dashboard_export", args=["by_advertiser", "csv"]),
    "portfolio": lambda: reverse("reports:portfolio"),
}
ALLOWED = {
    "dashboard": {"admin", "executive", "analyst", "am_a"},
    "export": {"admin", "executive", "analyst", "am_a"},
    "portfolio": {"admin", "am_a"},
}
ROLES = ("admin", "executive", "analyst", "am_a", "lead_a")


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("role", ROLES)
def test_reports_views_by_role(client, alliance, view, role):
    client.force_login(alliance[role])
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        response = client.get(VIEWS[view](), **headers)
        assert response.status_code == (200 if role in ALLOWED[view] else 403)
        body = response.content.decode("utf-8-sig")
        if role in ("analyst", "am_a"):
            assert "Secret Brand" not in body
        if role == "am_a":
            assert "Advertiser B" not in body


@pytest.mark.parametrize("view", VIEWS)
def test_reports_views_are_read_only(client, alliance, view):
    client.force_login(alliance["admin"])
    assert client.post(VIEWS[view]()).status_code == 405
