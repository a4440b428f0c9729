"""Side doors: exports, chart data, partials and error pages must not carry an account the user
may not see; every response varies on the session cookie and on HX-Request."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from imports.rows import Resolver
from imports.values import CellError
from reports.tasks import rebuild_rollups
from tests.crisis.factories import record_daily_facts
from tests.security.conftest import ROLE_USER
from tests.security.matrix import MATRIX, OK

SECRET = "Secret Brand"
# Users who may not see the confidential account, each with the pages they may open.
OUTSIDERS = ("account_manager", "project_lead", "analyst")
SIDE_DOORS = [
    ("accounts:account_export", {"side": "advertiser"}, ""),
    ("accounts:account_export", {"side": "advertiser"}, "format=xlsx"),
    ("accounts:account_export", {"side": "publisher"}, "format=xlsx"),
    ("accounts:contact_export", {"side": "advertiser"}, ""),
    ("accounts:contact_export", {"side": "advertiser"}, "format=xlsx"),
    ("feedback:inbox_export", {}, ""),
    ("reports:dashboard_export", {"table": "by_advertiser", "fmt": "csv"}, ""),
    ("reports:dashboard_export", {"table": "campaigns", "fmt": "xlsx"}, ""),
    ("reports:dashboard_export", {"table": "by_publisher", "fmt": "xlsx"}, ""),
    ("reports:dashboard_export", {"table": "by_campaign", "fmt": "csv"}, ""),
    ("reports:dashboard_table", {"table": "by_publisher"}, ""),
    ("reports:dashboard_table", {"table": "by_campaign"}, ""),
    ("reports:dashboard", {}, ""),
    ("reports:dashboard", {}, "group=advertiser"),
    ("reports:portfolio", {}, ""),
    ("feedback:dashboard", {}, ""),
    ("feedback:inbox", {}, "q=Secret"),
    ("crisis:dashboard", {}, ""),
    ("crisis:incident_list", {}, ""),
    ("campaigns:campaign_list", {}, "q=Secret"),
    ("campaigns:board", {}, ""),
    ("accounts:advertiser_list", {}, "q=Secret"),
    ("home", {}, ""),
]


@pytest.fixture
def facts(world):
    """Spend on both campaigns, so charts and ROI tables have a row for each advertiser."""
    for side in ("own", "other"):
        record_daily_facts(world[side]["campaign"], 3, publisher=world[side]["publisher"])
    rebuild_rollups()
    return world


def readable(response):
    """The text a user gets: xlsx cells, or the body of anything else."""
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        book = load_workbook(io.BytesIO(response.content), read_only=True)
        return "\n".join(str(cell) for sheet in book for row in sheet.iter_rows(values_only=True)
                         for cell in row)
    return b"".join(response.streaming_content if response.streaming else [response.content]).decode()


def test_the_admin_export_does_carry_the_secret(facts, client):
    """Proves the side doors below would show a leak: the data is there for those who may see it."""
    client.force_login(facts["admin"])
    response = client.get(reverse("reports:dashboard_export", kwargs={"table": "by_advertiser",
                                                                      "fmt": "csv"}))
    assert SECRET in readable(response)
    response = client.get(reverse("accounts:account_export", kwargs={"side": "advertiser"}))
    assert SECRET in readable(response)


@pytest.mark.django_db
@pytest.mark.parametrize("role", OUTSIDERS)
def test_side_doors_do_not_carry_a_confidential_account(role, facts, client):
    client.force_login(facts[ROLE_USER[role]])
    for name, kwargs, query in SIDE_DOORS:
        url = f"{reverse(name, kwargs=kwargs)}?{query}"
        for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
            response = client.get(url, **headers)
            if response.status_code == 403:
                continue
            assert response.status_code == 200, (url, response.status_code)
            assert SECRET not in readable(response), f"{role} reads {SECRET!r} at {url} {headers}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", OUTSIDERS)
def test_not_found_pages_name_nothing(role, world, client):
    client.force_login(world[ROLE_USER[role]])
    for name, entry in MATRIX.items():
        if not entry.scoped or entry.expected(role, "other", "GET") != 404:
            continue
        response = client.get(reverse(name, kwargs=entry.kwargs(world["other"], world)))
        assert response.status_code == 404
        assert SECRET not in response.content.decode(), name


@pytest.mark.django_db
def test_every_page_varies_on_cookie_and_htmx(world, client):
    client.force_login(world["am_a"])
    for name, entry in MATRIX.items():
        if entry.expected("account_manager", "own", "GET") != OK:
            continue
        response = client.get(reverse(name, kwargs=entry.kwargs(world["own"], world)))
        vary = {part.strip().lower() for part in response.get("Vary", "").split(",")}
        assert {"cookie", "hx-request"} <= vary, (name, response.get("Vary"))


@pytest.mark.django_db
def test_an_import_cannot_name_a_confidential_publisher_its_importer_may_not_see(world):
    """The mapping select and the row check offer the same publishers: a lead's file naming the
    confidential publisher is told it is unknown, exactly like a made-up name."""
    secret_publisher = world["other"]["publisher"]
    assert secret_publisher.is_confidential
    with pytest.raises(CellError):
        Resolver(world["lead_a"]).publisher(secret_publisher.name)
    with pytest.raises(CellError):
        Resolver(world["lead_a"]).publisher(str(secret_publisher.pk))
    assert Resolver(world["admin"]).publisher(secret_publisher.name) == secret_publisher.pk
    assert Resolver(world["lead_a"]).publisher(world["own"]["publisher"].name)
