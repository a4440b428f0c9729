"""The review chain is enforced: in order, earlier stages first, and a send-back re-opens the work."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns import planning, services
from campaigns.models import Milestone, Review

APPROVED, CHANGES = Review.Decision.APPROVED, Review.Decision.CHANGES_REQUESTED


def fresh(milestone):
    return Milestone.objects.get(pk=milestone.pk)


def done(planned, *kinds):
    for kind in kinds:
        milestone = fresh(planned["plan"][kind])
        if milestone.is_review:
            services.record_review(actor=planned["lead_a"], milestone=milestone, reviewer="Lina",
                                   decision=APPROVED)
        else:
            services.change_milestone_status(actor=planned["lead_a"], milestone=milestone, status="done")


def decide(planned, kind, decision, comments="Please change it."):
    return services.record_review(actor=planned["lead_a"], milestone=fresh(planned["plan"][kind]),
                                  reviewer="Someone", decision=decision, comments=comments)


def refusal(planned, kind, decision):
    with pytest.raises(ValidationError) as refused:
        decide(planned, kind, decision)
    return " ".join(refused.value.messages)


def test_a_review_cannot_be_decided_before_its_predecessors_are_done(planned):
    message = refusal(planned, "client_review", APPROVED)
    assert "“Client review” cannot be decided yet" in message
    assert "“Creative proposal”" in message and "“Internal review”" in message
    assert refusal(planned, "client_review", CHANGES)  # sending back early is refused too
    assert not Review.objects.exists()
    done(planned, "creative_proposal", "internal_review")
    decide(planned, "client_review", APPROVED)
    assert fresh(planned["plan"]["client_review"]).status == "done"


def test_compliance_cannot_be_approved_while_the_client_has_changes_requested(planned):
    compliance = planned["plan"]["compliance_review"]
    compliance.predecessors.clear()  # reviewed in parallel with the client
    done(planned, "creative_proposal", "internal_review")
    decide(planned, "client_review", CHANGES)
    message = refusal(planned, "compliance_review", APPROVED)
    assert "“Compliance review” cannot be approved while “Client review” has changes requested" in message
    decide(planned, "compliance_review", CHANGES)  # asking for more changes is still allowed


def test_a_compliance_send_back_reopens_the_work_and_the_earlier_approvals(planned):
    done(planned, "creative_proposal", "internal_review", "client_review")
    review = decide(planned, "compliance_review", CHANGES)
    statuses = dict(planned["campaign_a"].milestones.values_list("kind", "status"))
    assert statuses["creative_proposal"] == "in_progress"
    assert statuses["internal_review"] == statuses["client_review"] == statuses["compliance_review"] == "not_started"
    assert statuses["final_version"] == "not_started"
    assert review.reworked_milestone.kind == "creative_proposal"
    creative = fresh(planned["plan"]["creative_proposal"])
    assert creative.starts_on == planning.next_working_day()  # re-planned from today
    assert "cannot be decided yet" in refusal(planned, "client_review", APPROVED)


def test_the_review_page_explains_the_refusal(client, planned):
    client.force_login(planned["lead_a"])
    url = reverse("campaigns:milestone_review", args=[planned["plan"]["client_review"].pk])
    page = client.get(url).content.decode()
    assert "data-review-waiting" in page and "cannot be decided yet" in page
    response = client.post(url, {"reviewer": "Client", "decision": "approved", "comments": ""})
    assert response.status_code == 200
    assert "cannot be decided yet" in response.content.decode()
    assert not Review.objects.exists()
