"""Risks with contingency plans, and the end-of-campaign review a campaign needs to finish."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from campaigns import closing, services
from campaigns.models import CampaignRisk, EndOfCampaignReview

pytestmark = pytest.mark.django_db


def risk_fields(owner, **overrides):
    return {"description": "KOL cancels the livestream", "likelihood": "medium", "impact": "high",
            "owner": owner, "trigger": "No script confirmation 3 days before",
            "contingency": "Switch to the backup KOL; move the livestream by a week", **overrides}


def test_the_lead_keeps_a_risk_register_sorted_by_seriousness(alliance):
    campaign, lead = alliance["campaign_a"], alliance["lead_a"]
    closing.add_risk(actor=lead, campaign=campaign, fields=risk_fields(lead, description="Minor", impact="low",
                                                                         likelihood="low"))
    serious = closing.add_risk(actor=lead, campaign=campaign, fields=risk_fields(alliance["am_a"]))
    assert [risk.description for risk in closing.risk_register(campaign)][0] == serious.description
    closing.archive_risk(actor=lead, risk=serious)
    assert closing.risk_register(campaign)[-1] == serious and CampaignRisk.objects.count() == 2
    assert AuditEntry.objects.filter(action="campaigns.risk.archived").exists()


@pytest.mark.parametrize("who", ["lead_b", "am_a", "executive"])
def test_only_campaign_editors_change_the_register(alliance, who):
    with pytest.raises(PermissionDenied):
        closing.add_risk(actor=alliance[who], campaign=alliance["campaign_a"],
                         fields=risk_fields(alliance["lead_a"]))


def test_a_campaign_finishes_only_with_its_end_review(alliance):
    campaign, lead = alliance["campaign_a"], alliance["lead_a"]  # live
    with pytest.raises(ValidationError, match="end-of-campaign review"):
        services.change_campaign_status(actor=lead, campaign=campaign, status="finished")
    closing.write_end_review(actor=lead, campaign=campaign, fields={
        "outcome": "partly", "results": "CTR 1.1% against 1.2%", "lessons": "Brief KOLs earlier",
        "repeat": "Livestream on Fridays"})
    services.change_campaign_status(actor=lead, campaign=campaign, status="finished")
    assert campaign.status == "finished"


def test_the_pages_add_a_risk_and_write_the_review(client, alliance):
    campaign, lead = alliance["campaign_a"], alliance["lead_a"]
    client.force_login(lead)
    client.post(reverse("campaigns:risk_add", args=[campaign.pk]), {
        "description": "Compliance rejects the claim", "likelihood": "high", "impact": "high",
        "owner": lead.pk, "trigger": "", "contingency": "Prepared fallback copy"})
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert 'data-risk="Compliance rejects the claim"' in page
    response = client.post(reverse("campaigns:end_review", args=[campaign.pk]), {
        "outcome": "met", "results": "All targets met", "lessons": "Start compliance early", "repeat": ""})
    assert response.status_code == 302 and EndOfCampaignReview.objects.get(campaign=campaign).outcome == "met"
    assert "data-end-review" in client.get(campaign.get_absolute_url()).content.decode()


def test_others_cannot_reach_the_pages(client, alliance):
    campaign = alliance["campaign_a"]
    client.force_login(alliance["lead_b"])
    assert client.get(reverse("campaigns:end_review", args=[campaign.pk])).status_code == 404
    client.force_login(alliance["executive"])
    assert client.post(reverse("campaigns:risk_add", args=[campaign.pk]), {}).status_code == 403
