"""Blocked with a reason; comments with @mentions and files on steps and reviews."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns import comments, projection, services, team
from campaigns.compliance_terms import seed_default_terms
from campaigns.models import ComplianceTerm, Milestone, Review, StepComment
from notifications.models import Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _approve_up_to(planned, stage_kind):
    """Finish every step before the review of `stage_kind`, approving the reviews on the way."""
    lead = planned["lead_a"]
    for milestone in planned["campaign_a"].milestones.order_by("sequence"):
        if milestone.kind == stage_kind:
            return milestone
        if milestone.is_review:
            services.record_review(actor=lead, milestone=milestone, reviewer="Lead", decision="approved")
        else:
            services.change_milestone_status(actor=lead, milestone=milestone, status="done")
    raise AssertionError(stage_kind)


def test_a_step_is_blocked_only_with_a_reason_shown_on_page_board_and_in_the_health(client, planned):
    step = planned["plan"][Milestone.Kind.CREATIVE_PROPOSAL]
    lead = planned["lead_a"]
    with pytest.raises(ValidationError, match="Say why"):
        services.change_milestone_status(actor=lead, milestone=step, status="blocked")
    services.change_milestone_status(actor=lead, milestone=step, status="blocked",
                                     blocked_reason="Waiting for the brand's logo files")
    forecast = projection.project_campaign(planned["campaign_a"])
    assert forecast.for_milestone(step.pk).health == projection.Health.AT_RISK
    assert forecast.health != projection.Health.ON_TRACK
    assert [f.milestone.blocked_reason for f in forecast.blocked] == ["Waiting for the brand's logo files"]
    client.force_login(lead)
    for url in (planned["campaign_a"].get_absolute_url(), reverse("campaigns:board"),
                reverse("campaigns:milestone_detail", args=[step.pk])):
        assert "Waiting for the brand&#x27;s logo files" in client.get(url).content.decode(), url
    services.change_milestone_status(actor=lead, milestone=step, status="in_progress")
    assert Milestone.objects.get(pk=step.pk).blocked_reason == ""


def test_blocking_without_a_reason_from_the_page_is_a_clear_message(client, planned):
    step = planned["plan"][Milestone.Kind.CREATIVE_PROPOSAL]
    client.force_login(planned["lead_a"])
    response = client.post(reverse("campaigns:milestone_status", args=[step.pk]),
                           {"status": "blocked", "blocked_reason": "  "}, follow=True)
    assert "Say why" in response.content.decode()
    assert Milestone.objects.get(pk=step.pk).status == "not_started"


def test_a_mention_notifies_a_colleague_who_sees_the_campaign(planned):
    step = planned["plan"][Milestone.Kind.CREATIVE_PROPOSAL]
    comment = comments.post_comment(actor=planned["lead_a"], milestone=step,
                                    body="@am_a can you ask the client for the logo?")
    assert list(comment.mentioned.all()) == [planned["am_a"]]
    told = Notification.objects.get(recipient=planned["am_a"], kind="step_mention")
    assert "logo" in told.message and f"#comment-{comment.pk}" in told.url
    comments.post_comment(actor=planned["lead_a"], milestone=step, body="again @am_a")
    assert Notification.objects.filter(recipient=planned["am_a"]).count() == 2


def test_only_people_who_may_see_the_campaign_can_be_mentioned(planned):
    step = planned["plan"][Milestone.Kind.CREATIVE_PROPOSAL]
    with pytest.raises(ValidationError, match="@lead_b"):
        comments.post_comment(actor=planned["lead_a"], milestone=step, body="@lead_b have a look")
    with pytest.raises(ValidationError, match="@nobody"):
        comments.post_comment(actor=planned["lead_a"], milestone=step, body="@nobody")
    assert not StepComment.objects.exists()
    assert not Notification.objects.filter(recipient=planned["lead_b"]).exists()
    creative = UserFactory(role="account_manager", username="mei")
    team.add_member(actor=planned["lead_a"], campaign=planned["campaign_a"], user=creative, role="creative")
    comments.post_comment(actor=planned["lead_a"], milestone=step, body="@mei the key visual")
    assert Notification.objects.filter(recipient=creative, kind="step_mention").exists()


def test_read_only_roles_do_not_comment_unless_on_the_team(planned):
    step = planned["plan"][Milestone.Kind.CREATIVE_PROPOSAL]
    with pytest.raises(PermissionDenied):
        comments.post_comment(actor=planned["analyst"], milestone=step, body="numbers look off")
    team.add_member(actor=planned["lead_a"], campaign=planned["campaign_a"], user=planned["analyst"],
                    role="data_analyst")
    assert comments.post_comment(actor=planned["analyst"], milestone=step, body="numbers look off")


def test_files_are_limited_and_downloaded_only_by_who_sees_the_campaign(client, planned, settings):
    step = planned["plan"][Milestone.Kind.CREATIVE_PROPOSAL]
    client.force_login(planned["lead_a"])
    url = reverse("campaigns:comment_add", args=[step.pk])
    response = client.post(url, {"body": "", "attachment": SimpleUploadedFile("run.exe", b"MZ")}, follow=True)
    assert "cannot be attached" in response.content.decode()
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("deck.pdf", b"%PDF" + b"0" * (1024 * 1024 + 1))
    assert "larger than" in client.post(url, {"attachment": big}, follow=True).content.decode()
    assert not StepComment.objects.exists()
    client.post(url, {"body": "first cut", "attachment": SimpleUploadedFile("cut.pdf", b"%PDF-1 cut")})
    comment = StepComment.objects.get()
    download = reverse("campaigns:comment_file", args=[comment.pk])
    response = client.get(download)
    assert b"".join(response.streaming_content) == b"%PDF-1 cut"
    assert "attachment" in response["Content-Disposition"]
    client.force_login(planned["lead_b"])
    assert client.get(download).status_code == 404


def test_comments_are_archived_not_deleted(client, planned):
    step = planned["plan"][Milestone.Kind.CREATIVE_PROPOSAL]
    comment = comments.post_comment(actor=planned["am_a"], milestone=step, body="Typo in the brief")
    with pytest.raises(PermissionDenied):
        comments.archive_comment(actor=planned["am_b"], comment=comment)
    client.force_login(planned["am_a"])
    client.post(reverse("campaigns:comment_archive", args=[comment.pk]))
    assert StepComment.objects.get(pk=comment.pk).archived_at is not None
    page = client.get(reverse("campaigns:milestone_detail", args=[step.pk])).content.decode()
    assert "Typo in the brief" not in page


def test_a_draft_belongs_to_the_review_decision_it_was_for(planned):
    review_step = _approve_up_to(planned, Milestone.Kind.INTERNAL_REVIEW)
    lead = planned["lead_a"]
    draft = comments.post_comment(actor=lead, milestone=review_step, body="v1",
                                  upload=SimpleUploadedFile("draft-v1.pdf", b"%PDF v1"))
    first = services.record_review(actor=lead, milestone=review_step, reviewer="Lead",
                                   decision="changes_requested", comments="Sharper headline")
    assert list(first.drafts.all()) == [draft]
    second_draft = comments.post_comment(actor=lead, milestone=review_step, body="v2",
                                         upload=SimpleUploadedFile("draft-v2.pdf", b"%PDF v2"))
    assert StepComment.objects.get(pk=second_draft.pk).review is None


def test_a_text_draft_on_a_compliance_review_is_checked_and_approval_needs_a_justification(client, planned):
    seed_default_terms(ComplianceTerm)
    review_step = _approve_up_to(planned, Milestone.Kind.COMPLIANCE_REVIEW)
    lead = planned["lead_a"]
    draft = comments.post_comment(actor=lead, milestone=review_step, upload=SimpleUploadedFile(
        "copy.txt", "全网第一的保湿霜，最好用！".encode("gb18030")))
    assert {flag["term"] for flag in draft.flags} >= {"全网第一", "最"}
    client.force_login(lead)
    page = client.get(reverse("campaigns:milestone_review", args=[review_step.pk])).content.decode()
    assert "data-draft-flags" in page and "全网第一" in page
    with pytest.raises(ValidationError, match="write why"):
        services.record_review(actor=lead, milestone=review_step, reviewer="Legal", decision="approved")
    review = services.record_review(actor=lead, milestone=review_step, reviewer="Legal", decision="approved",
                                    justification="Quoted from the 2025 industry award.")
    assert {flag["term"] for flag in review.flags} >= {"全网第一", "最"}
    assert review.decision == Review.Decision.APPROVED


def test_a_pdf_draft_on_a_compliance_review_is_not_read(planned):
    review_step = _approve_up_to(planned, Milestone.Kind.COMPLIANCE_REVIEW)
    draft = comments.post_comment(actor=planned["lead_a"], milestone=review_step,
                                  upload=SimpleUploadedFile("copy.pdf", "最 第一".encode()))
    assert draft.flags == []
