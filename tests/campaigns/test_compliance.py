"""Compliance reviews check the words: Advertising Law terms are flagged before deciding."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from campaigns import services
from campaigns.compliance import check_copy
from campaigns.models import ComplianceTerm, Milestone, Review

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def seeded_terms(db):
    """The migration seeds the list; browser tests empty every table after themselves, so seed
    it again the same way for the tests that run after them."""
    from campaigns.compliance_terms import seed_default_terms

    seed_default_terms(ComplianceTerm)


COPY = "全网第一的精华，100%天然，国家级实验室认证。The best serum — bestow your skin a glow."


def test_absolute_terms_are_flagged_from_the_seeded_list():
    flags = {flag.term: flag for flag in check_copy(COPY)}
    assert {"第一", "全网第一", "100%", "国家级", "best"} <= set(flags)
    assert flags["best"].count == 1  # "bestow" is not "best"
    assert flags["国家级"].category == "absolute"


def test_the_reason_is_shown_in_the_readers_language():
    flag = next(f for f in check_copy("稳赚不赔") if f.term == "稳赚")
    with translation.override("zh-hans"):
        assert "《广告法》" in flag.reason
    with translation.override("en"):
        assert "article 25" in flag.reason


def test_the_term_list_is_editable():
    ComplianceTerm.objects.filter(term="最").update(is_active=False)
    ComplianceTerm.objects.create(term="秒杀", reason_en="Check the promotion rules.", reason_zh="请核对促销规则。")
    terms = {flag.term for flag in check_copy("最低价秒杀")}
    assert terms == {"秒杀"}


@pytest.fixture
def compliance_ready(planned):
    compliance = planned["plan"]["compliance_review"]
    Milestone.objects.filter(campaign=planned["campaign_a"]).exclude(pk=compliance.pk).exclude(
        kind="final_version").exclude(kind="asset_production").exclude(kind="launch").update(status="done")
    return Milestone.objects.get(pk=compliance.pk)


def test_an_approval_over_flags_needs_a_written_justification(planned, compliance_ready):
    with pytest.raises(ValidationError, match="flagged terms"):
        services.record_review(actor=planned["lead_a"], milestone=compliance_ready, reviewer="Legal",
                               decision="approved", copy_text=COPY)
    review = services.record_review(actor=planned["lead_a"], milestone=compliance_ready, reviewer="Legal",
                                    decision="approved", copy_text=COPY,
                                    justification="Lab certificate on file; 第一 refers to a ranking with source.")
    assert review.justification and {flag["term"] for flag in review.flags} >= {"国家级", "100%"}


def test_sending_back_over_flags_needs_no_justification(planned, compliance_ready):
    review = services.record_review(actor=planned["lead_a"], milestone=compliance_ready, reviewer="Legal",
                                    decision="changes_requested", copy_text=COPY, comments="Remove 国家级.")
    assert review.flags


def test_the_reviewer_sees_the_flags_before_deciding(client, planned, compliance_ready):
    client.force_login(planned["lead_a"])
    url = reverse("campaigns:milestone_review", args=[compliance_ready.pk])
    page = client.get(url).content.decode()
    assert 'name="copy_text"' in page
    checked = client.post(url, {"action": "check", "copy_text": COPY, "reviewer": "Legal"}).content.decode()
    assert "data-compliance-flags" in checked and 'data-flag="国家级"' in checked
    assert not Review.objects.exists()
    refused = client.post(url, {"reviewer": "Legal", "decision": "approved", "copy_text": COPY})
    assert refused.status_code == 200 and "write why approving it is right" in refused.content.decode()
    assert client.post(url, {"reviewer": "Legal", "decision": "approved", "copy_text": COPY,
                             "justification": "Sources attached."}).status_code == 302


def test_other_reviews_have_no_copy_check(client, planned):
    client.force_login(planned["lead_a"])
    page = client.get(reverse("campaigns:milestone_review", args=[planned["plan"]["client_review"].pk]))
    assert 'name="copy_text"' not in page.content.decode()
