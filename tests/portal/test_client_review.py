"""The client decides its client review in the portal (or through a signed link): recorded with
the contact's identity and re-planned exactly as a staff decision."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from campaigns import services as campaign_services
from campaigns.models import Milestone, Review
from portal.models import AccessLink
from tests.campaigns.factories import MilestoneFactory


def _plan(campaign):
    """Draft (done) -> client review, like the shipped plan: a send-back re-opens the draft."""
    draft = MilestoneFactory(campaign=campaign, sequence=1, name="Draft video", status="done",
                             due_on=timezone.localdate() + timedelta(days=5))
    review = MilestoneFactory(campaign=campaign, sequence=2, name="Client review of the video",
                              kind="client_review", review_stage="client",
                              due_on=timezone.localdate() + timedelta(days=8))
    review.predecessors.add(draft)
    launch = MilestoneFactory(campaign=campaign, sequence=3, name="Launch", kind="launch",
                              due_on=timezone.localdate() + timedelta(days=12))
    launch.predecessors.add(review)
    return draft, review, launch


def test_the_client_approves_in_the_portal_with_a_comment(client, partners):
    _draft, review, _launch = _plan(partners["campaign_a"])
    client.force_login(partners["client"])
    response = client.post(reverse("portal:review_decide", args=[review.pk]),
                           {"decision": "approved", "comments": "Lovely, go ahead"})
    assert response.status_code == 302
    decision = Review.objects.get(milestone=review)
    assert (decision.decision, decision.reviewer, decision.decided_by_contact, decision.recorded_by) == (
        "approved", "Chen Client", partners["client_contact"], partners["client"])
    assert Milestone.objects.get(pk=review.pk).status == "done"
    staff = client.__class__()
    staff.force_login(partners["am_a"])
    page = staff.get(reverse("campaigns:milestone_review", args=[review.pk])).content.decode()
    assert "decided by the client's contact Chen Client" in page


def _replan_by(decide, campaign):
    draft, review, launch = _plan(campaign)
    decide(review)
    return {m.name: (m.status, m.due_on) for m in Milestone.objects.filter(campaign=campaign)}, \
        Review.objects.get(milestone=review)


def test_changes_requested_in_the_portal_replan_exactly_as_a_staff_decision(client, partners, settings, tmp_path):
    from tests.factories import CampaignFactory

    twin = CampaignFactory(advertiser=partners["adv_a"], project_lead=partners["lead_a"],
                           launch_on=partners["campaign_a"].launch_on, start_on=partners["campaign_a"].start_on)
    client.force_login(partners["client"])

    def in_portal(review):
        upload = SimpleUploadedFile("changes.pdf", b"%PDF shorter please", content_type="application/pdf")
        response = client.post(reverse("portal:review_decide", args=[review.pk]),
                               {"decision": "changes_requested", "comments": "Shorter, please",
                                "attachment": upload})
        assert response.status_code == 302

    def by_staff(review):
        campaign_services.record_review(actor=partners["lead_a"], milestone=review, reviewer="Chen Client",
                                        decision="changes_requested", comments="Shorter, please")

    portal_plan, portal_review = _replan_by(in_portal, partners["campaign_a"])
    staff_plan, staff_review = _replan_by(by_staff, twin)
    assert portal_plan == staff_plan
    assert portal_plan["Draft video"][0] == "in_progress"
    assert portal_review.reworked_milestone.name == staff_review.reworked_milestone.name == "Draft video"
    assert portal_review.slip_working_days == staff_review.slip_working_days
    assert portal_review.attachment.read() == b"%PDF shorter please"
    staff = client.__class__()
    staff.force_login(partners["am_a"])
    download = staff.get(reverse("partners:review_attachment", args=[portal_review.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF shorter please"


def test_changes_requested_need_a_comment(client, partners):
    _draft, review, _launch = _plan(partners["campaign_a"])
    client.force_login(partners["client"])
    response = client.post(reverse("portal:review_decide", args=[review.pk]), {"decision": "changes_requested"})
    assert response.status_code == 400 and "Say which changes you need" in response.content.decode()
    assert not Review.objects.exists()


def test_a_publisher_cannot_decide_the_advertisers_client_review(client, partners):
    _draft, review, _launch = _plan(partners["campaign_a"])
    client.force_login(partners["kol"])
    response = client.post(reverse("portal:review_decide", args=[review.pk]), {"decision": "approved"})
    assert response.status_code == 404 and not Review.objects.exists()


def test_a_review_waiting_for_earlier_steps_is_refused_with_the_reason(client, partners):
    draft, review, _launch = _plan(partners["campaign_a"])
    Milestone.objects.filter(pk=draft.pk).update(status="in_progress")
    client.force_login(partners["client"])
    response = client.post(reverse("portal:review_decide", args=[review.pk]), {"decision": "approved"})
    assert response.status_code == 400 and "cannot be decided yet" in response.content.decode()


def test_a_contact_without_an_account_decides_through_a_signed_expiring_link(
        client, partners, django_capture_on_commit_callbacks):
    from django.core import mail

    _draft, review, _launch = _plan(partners["campaign_a"])
    contact = partners["client_contact"].__class__.objects.create(
        account=partners["adv_a"], name="Wu Director", email="wu@brand-a.example")
    staff = client.__class__()
    staff.force_login(partners["am_a"])
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(reverse("partners:review_link", args=[review.pk]), {"contact": contact.pk})
    link = AccessLink.objects.get(purpose="review", contact=contact)
    assert link.token in mail.outbox[-1].body
    url = reverse("portal:review_by_link", args=[link.token])
    assert client.get(url).status_code == 200
    assert client.post(url, {"decision": "approved", "comments": "OK from me"}).status_code == 200
    decision = Review.objects.get(milestone=review)
    assert (decision.decided_by_contact, decision.recorded_by) == (contact, partners["am_a"])
    assert client.get(url).status_code == 410  # used
    expired = AccessLink.objects.create(purpose="review", contact=contact, milestone=review,
                                        expires_at=timezone.now() - timedelta(minutes=1))
    assert client.get(reverse("portal:review_by_link", args=[expired.token])).status_code == 410
    assert client.get(reverse("portal:review_by_link", args=[expired.token + "x"])).status_code == 410


@pytest.mark.parametrize("field", ["decision"])
def test_a_junk_decision_is_a_form_error(client, partners, field):
    _draft, review, _launch = _plan(partners["campaign_a"])
    client.force_login(partners["client"])
    response = client.post(reverse("portal:review_decide", args=[review.pk]), {field: "rejected-ish"})
    assert response.status_code == 400
