"""Stored hostile text stays text in every page that shows it; no POST passes without a CSRF token."""

import pytest
from django.test import Client
from django.urls import reverse

from reports.tasks import rebuild_rollups
from tests.accounts.factories import MeetingFactory
from tests.crisis.factories import record_daily_facts
from tests.factories import AccountFactory, CampaignFactory
from tests.feedback.factories import FeedbackFactory
from tests.security.conftest import ROLE_USER
from tests.security.matrix import MATRIX, PUBLIC

HOSTILE = ('<img src=x onerror=alert(1)> <a href="javascript:alert(2)">go</a> '
           '<b hx-get="/logout/" hx-trigger="load">x</b>')
# What must never reach the page as markup.
LIVE_MARKUP = ("<img src=x", 'href="javascript:', "<b hx-get", "hx-trigger=\"load\"")


@pytest.fixture
def hostile(alliance):
    """Hostile text in every place users type or import: names, minutes, feedback, chart labels."""
    account = AccountFactory(account_manager=alliance["am_a"], name=f"Acme {HOSTILE}"[:200])
    publisher = AccountFactory(side="publisher", kind="kol", account_manager=alliance["am_a"],
                               name=f"KOL {HOSTILE}"[:200])
    campaign = CampaignFactory(advertiser=account, project_lead=alliance["lead_a"],
                               name=f"Launch {HOSTILE}"[:200])
    campaign.publishers.add(publisher)
    record_daily_facts(campaign, 3, publisher=publisher)
    rebuild_rollups()
    return {
        **alliance, "account": account, "campaign": campaign,
        "meeting": MeetingFactory(account=account, minutes=HOSTILE, decisions=HOSTILE),
        "feedback": FeedbackFactory(account=account, text=HOSTILE, campaign=campaign),
    }


def _pages(world):
    return [
        reverse("accounts:account_detail", args=[world["account"].pk]),
        reverse("accounts:advertiser_list"), reverse("accounts:publisher_list"),
        reverse("accounts:meeting_detail", args=[world["meeting"].pk]),
        reverse("campaigns:campaign_detail", args=[world["campaign"].pk]),
        reverse("campaigns:campaign_list"), reverse("campaigns:board"),
        reverse("feedback:feedback_detail", args=[world["feedback"].pk]),
        reverse("feedback:inbox"), reverse("feedback:dashboard"),
        reverse("reports:dashboard"), reverse("reports:dashboard") + "?group=publisher",
        reverse("reports:portfolio"), reverse("home"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("htmx", [False, True])
def test_stored_hostile_text_is_escaped_everywhere_it_shows(hostile, client, htmx):
    client.force_login(hostile["am_a"])
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    shown = 0
    for url in _pages(hostile):
        response = client.get(url, **headers)
        assert response.status_code == 200, url
        body = response.content.decode()
        for markup in LIVE_MARKUP:
            assert markup not in body, f"{url} renders {markup!r} as markup"
        shown += "onerror=alert(1)" in body  # escaped as text (&lt;img ...) or in JSON (\u003Cimg)
    assert shown >= len(_pages(hostile)) // 2, "the hostile text should be visible, as text"


@pytest.mark.django_db
def test_javascript_urls_are_refused_as_websites(hostile, client):
    client.force_login(hostile["am_a"])
    account = hostile["account"]
    url = reverse("accounts:account_edit", args=[account.pk])
    form = {"name": "Acme", "kind": "brand", "industry": "Beauty", "platforms": ["douyin"],
            "tier": account.tier, "status": "active", "website": "https://acme.example"}
    assert client.post(url, form).status_code == 302  # the same form with a real website saves
    response = client.post(url, {**form, "website": "javascript:alert(1)"})
    account.refresh_from_db()
    assert set(response.context["form"].errors) == {"website"}
    assert account.website == "https://acme.example"


def _unsafe_urls(world):
    """Every URL an admin may POST to, with an object of their own."""
    for name, entry in MATRIX.items():
        if entry.expected("admin", "own", "POST") == "ok" and not entry.personal:
            yield reverse(name, kwargs=entry.kwargs(world["own"], world))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["admin", "account_manager"])
def test_posts_without_a_csrf_token_are_refused(role, world, row_counts):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world[ROLE_USER[role]])
    before = row_counts()
    for url in _unsafe_urls(world):
        for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
            response = strict.post(url, {"name": "x"}, **headers)
            assert response.status_code == 403, (url, headers)
    assert row_counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["login", "feedback:partner_form", "set_language"])
def test_public_forms_need_a_csrf_token_too(name, world):
    url = reverse(name, kwargs=PUBLIC[name](world))
    assert Client(enforce_csrf_checks=True).post(url, {"username": "am_a"}).status_code == 403
