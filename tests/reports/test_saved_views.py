"""Saved views: a dashboard filter set saved by name and opened from home."""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from reports.models import SavedView

pytestmark = pytest.mark.django_db


def test_save_a_view_and_open_it_from_home(client, alliance):
    client.force_login(alliance["executive"])
    response = client.post(reverse("reports:save_view"), {
        "name": "Douyin this quarter", "query": "period=this_quarter&platform=douyin&sort=roi&evil=1"})
    assert response.status_code == 302 and "platform=douyin" in response["Location"]
    view = SavedView.objects.get(owner=alliance["executive"])
    assert view.query == "period=this_quarter&platform=douyin"  # filters only
    home = client.get(reverse("home")).content.decode()
    assert "Saved dashboard views" in home and "/reports/dashboard/?period=this_quarter&amp;platform=douyin" in home
    assert AuditEntry.objects.filter(action="reports.saved_view.saved").exists()


def test_saving_again_under_the_same_name_replaces_it(client, alliance):
    client.force_login(alliance["analyst"])
    for query in ("period=last_7", "period=last_30"):
        client.post(reverse("reports:save_view"), {"name": "Weekly", "query": query})
    assert list(SavedView.objects.values_list("query", flat=True)) == ["period=last_30"]


def test_views_are_personal(client, alliance):
    view = SavedView.objects.create(owner=alliance["executive"], name="Mine", query="period=ytd")
    client.force_login(alliance["analyst"])
    assert "Mine" not in client.get(reverse("home")).content.decode()
    assert client.post(reverse("reports:delete_view", args=[view.pk])).status_code == 404
    client.force_login(alliance["executive"])
    client.post(reverse("reports:delete_view", args=[view.pk]))
    assert not SavedView.objects.exists()


def test_a_view_needs_a_name_and_a_dashboard_role(client, alliance):
    client.force_login(alliance["executive"])
    client.post(reverse("reports:save_view"), {"name": " ", "query": "period=ytd"})
    assert not SavedView.objects.exists()
    client.force_login(alliance["lead_a"])
    assert client.post(reverse("reports:save_view"), {"name": "x", "query": ""}).status_code == 403
