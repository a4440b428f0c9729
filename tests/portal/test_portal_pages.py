"""The portal shows a partner its own organisation's campaigns, numbers, reports, feedback,
statements and action items, with the same figures as the staff pages."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts.models import ActionItem
from crisis.models import Statement
from feedback.models import Reply
from reports.campaign_page import panels
from tests.accounts.factories import ActionItemFactory, PartnershipFactory
from tests.campaigns.factories import MilestoneFactory
from tests.feedback.factories import FeedbackFactory
from tests.reports.report_data import last_month, seed_two_months


@pytest.fixture
def facts(partners):
    return seed_two_months(partners, timezone.localdate())


def test_the_client_sees_its_campaigns_with_progress_and_next_milestones(client, partners):
    campaign = partners["campaign_a"]
    MilestoneFactory(campaign=campaign, name="Creative brief", status="done")
    MilestoneFactory(campaign=campaign, name="Client review of the video")
    client.force_login(partners["client"])
    body = client.get(reverse("portal:home")).content.decode()
    assert campaign.name in body and "1 of 2 steps done" in body and "Client review of the video" in body
    assert partners["campaign_b"].name not in body


def test_a_campaign_of_another_organisation_is_not_found(client, partners):
    client.force_login(partners["client"])
    assert client.get(reverse("portal:campaign_detail", args=[partners["campaign_b"].pk])).status_code == 404


def test_staff_get_403_in_the_portal(client, partners):
    client.force_login(partners["am_a"])
    assert client.get(reverse("portal:home")).status_code == 403


def test_the_clients_numbers_equal_the_staff_campaign_page(client, partners, facts):
    campaign = partners["campaign_a"]
    period = facts
    client.force_login(partners["client"])
    response = client.get(reverse("portal:campaign_detail", args=[campaign.pk]),
                          {"start": period.start, "end": period.end})
    portal = response.context["numbers"]
    request = RequestFactory().get("/", {"start": period.start, "end": period.end, "period": "custom"})
    request.user = partners["am_a"]
    staff = panels(request, campaign)[0].context
    assert staff["start"], staff["end"] == (period.start, period.end)
    assert portal["sums"]["spend"] == staff["sums"]["spend"] and portal["sums"]["revenue"] == staff["sums"]["revenue"]
    assert portal["kpis"] == staff["kpis"]
    assert [t["value"] for t in portal["targets"]] == [t["value"] for t in staff["targets"]]
    days = (period.end - period.start).days + 1
    assert portal["sums"]["spend"] == Decimal("100.00") * days


def test_a_publisher_sees_the_campaigns_it_carries_and_only_its_spend_without_revenue(client, partners, facts):
    client.force_login(partners["kol"])
    body = client.get(reverse("portal:home")).content.decode()
    assert partners["campaign_a"].name in body and partners["campaign_b"].name in body
    response = client.get(reverse("portal:campaign_detail", args=[partners["campaign_a"].pk]),
                          {"start": facts.start, "end": facts.end})
    numbers = response.context["numbers"]
    assert numbers["sums"]["spend"] > 0
    assert "revenue" not in numbers["sums"] and "roi" not in numbers["kpis"] and "roas" not in numbers["kpis"]
    assert 'data-figure="revenue"' not in response.content.decode()


def test_a_publisher_sees_revenue_where_the_advertisers_partnership_allows_it(client, partners, facts):
    PartnershipFactory(advertiser=partners["adv_a"], publisher=partners["publisher"], publisher_sees_revenue=True)
    client.force_login(partners["kol"])
    response = client.get(reverse("portal:campaign_detail", args=[partners["campaign_a"].pk]),
                          {"start": facts.start, "end": facts.end})
    assert response.context["numbers"]["sums"]["revenue"] > 0
    response = client.get(reverse("portal:campaign_detail", args=[partners["campaign_b"].pk]),
                          {"start": facts.start, "end": facts.end})
    assert "revenue" not in response.context["numbers"]["sums"]


def test_a_publisher_does_not_see_the_advertisers_other_campaigns(client, partners):
    from tests.factories import CampaignFactory

    other = CampaignFactory(advertiser=partners["adv_a"], name="A's campaign without the KOL")
    client.force_login(partners["kol"])
    assert other.name not in client.get(reverse("portal:home")).content.decode()
    assert client.get(reverse("portal:campaign_detail", args=[other.pk])).status_code == 404


def test_monthly_reports_can_be_viewed_and_downloaded(client, partners, facts):
    client.force_login(partners["client"])
    response = client.get(reverse("portal:report_detail", args=[facts.start.year, facts.start.month]))
    assert partners["campaign_a"].name in response.content.decode()
    download = client.get(reverse("portal:report_download", args=[facts.start.year, facts.start.month]))
    assert download["Content-Disposition"].startswith("attachment")
    assert partners["campaign_a"].name in download.content.decode()
    client.force_login(partners["kol"])
    download = client.get(reverse("portal:report_download", args=[facts.start.year, facts.start.month]))
    lines = download.content.decode().splitlines()
    revenue_column = lines[0].split(",").index("revenue")
    assert all(line.split(",")[revenue_column] == "" for line in lines[1:])


def test_a_bad_report_month_is_404(client, partners):
    client.force_login(partners["client"])
    assert client.get(reverse("portal:report_detail", args=[2026, 13])).status_code == 404


def test_feedback_threads_show_replies_to_the_partner_never_internal_notes(client, partners):
    feedback = FeedbackFactory(account=partners["adv_a"], text="The video is too long")
    Reply.objects.create(feedback=feedback, kind="internal", author=partners["am_a"], text="INTERNAL gossip")
    Reply.objects.create(feedback=feedback, kind="partner", author=partners["am_a"], text="We will cut it to 15 s")
    other = FeedbackFactory(account=partners["adv_b"], text="B's complaint")
    client.force_login(partners["client"])
    body = client.get(reverse("portal:feedback_detail", args=[feedback.pk])).content.decode()
    assert "We will cut it to 15 s" in body and "INTERNAL gossip" not in body
    assert client.get(reverse("portal:feedback_detail", args=[other.pk])).status_code == 404
    assert "B&#x27;s complaint" not in client.get(reverse("portal:feedback_list")).content.decode()


def test_statements_addressed_to_the_partner_are_listed(client, partners):
    from tests.security.conftest import _incident

    incident, _action = _incident(partners["am_a"], partners["adv_a"], partners["campaign_a"], "Outage")
    Statement.objects.create(incident=incident, audience="advertiser", account=partners["adv_a"], channel="email",
                             body="We paused the ads.", sent_at=timezone.now(), sent_by=partners["am_a"])
    Statement.objects.create(incident=incident, audience="internal", account=partners["adv_a"], channel="chat",
                             body="Internal only.", sent_at=timezone.now(), sent_by=partners["am_a"])
    client.force_login(partners["client"])
    body = client.get(reverse("portal:statement_list")).content.decode()
    assert "We paused the ads." in body and "Internal only." not in body
    client.force_login(partners["kol"])
    assert "We paused the ads." not in client.get(reverse("portal:statement_list")).content.decode()


def test_a_partner_marks_its_own_action_item_done(client, partners):
    mine = ActionItemFactory(account=partners["adv_a"], owner_contact=partners["client_contact"], title="Send logo")
    theirs = ActionItemFactory(account=partners["adv_a"], title="Staff task",
                               due_on=timezone.localdate() + timedelta(days=3))
    client.force_login(partners["client"])
    assert "Staff task" not in client.get(reverse("portal:action_list")).content.decode()
    assert client.post(reverse("portal:action_done", args=[mine.pk])).status_code == 302
    assert ActionItem.objects.get(pk=mine.pk).done_at is not None
    assert client.post(reverse("portal:action_done", args=[theirs.pk])).status_code == 404
    assert ActionItem.objects.get(pk=theirs.pk).done_at is None


def test_the_portal_speaks_chinese(client, partners):
    client.force_login(partners["client"])
    body = client.get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "合作伙伴" in body
    assert last_month  # the shared report data helper stays importable
