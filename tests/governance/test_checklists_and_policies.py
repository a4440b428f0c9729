"""Governance: the articles' checklists per advertiser with evidence and progress; staff policies."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from governance import services
from governance.models import ChecklistTemplate, Entry
from governance.shipped import BRAND_PROTECTION, DIGITAL_PRESENCE, ensure_shipped_templates

pytestmark = pytest.mark.django_db


@pytest.fixture
def shipped(db):
    ensure_shipped_templates()
    return {template.code: template for template in ChecklistTemplate.objects.exclude(code="")}


def test_the_articles_checklists_ship_with_10_and_15_items(shipped):
    assert shipped[BRAND_PROTECTION].items.count() == 10
    assert shipped[DIGITAL_PRESENCE].items.count() == 15


def test_an_account_manager_works_through_the_checklist_and_the_account_shows_progress(
        alliance, client_for, shipped):
    client = client_for(alliance["am_a"])
    account = alliance["adv_a"]
    response = client.post(reverse("governance:checklist_start", args=[account.pk]),
                           {"template": shipped[BRAND_PROTECTION].pk})
    checklist = account.checklists.get()
    assert response.url == checklist.get_absolute_url()
    first, second = checklist.entries.order_by("item__position")[:2]
    evidence = SimpleUploadedFile("domains.pdf", b"%PDF-1.4 registered domains", "application/pdf")
    client.post(reverse("governance:entry_update", args=[first.pk]),
                {f"e{first.pk}-status": "done", f"e{first.pk}-owner": alliance["am_a"].pk,
                 f"e{first.pk}-evidence_file": evidence, f"e{first.pk}-review_on": "2027-03-01"})
    client.post(reverse("governance:entry_update", args=[second.pk]),
                {f"e{second.pk}-status": "not_applicable"})
    first.refresh_from_db()
    assert first.status == Entry.Status.DONE and first.evidence_file.name.endswith(".pdf")
    page = client.get(account.get_absolute_url()).content.decode()
    assert "1 of 9 in place" in page  # one of the ten is not applicable


def test_evidence_of_a_dangerous_type_is_refused_with_a_reason(alliance, client_for, shipped):
    checklist = services.start_checklist(actor=alliance["am_a"], account=alliance["adv_a"],
                                         template=shipped[DIGITAL_PRESENCE])
    entry = checklist.entries.first()
    script = SimpleUploadedFile("payload.html", b"<script>alert(1)</script>", "text/html")
    response = client_for(alliance["am_a"]).post(
        reverse("governance:entry_update", args=[entry.pk]),
        {f"e{entry.pk}-status": "done", f"e{entry.pk}-evidence_file": script},
        headers={"HX-Request": "true"})
    assert "cannot be attached" in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == Entry.Status.TODO and not entry.evidence_file


def test_another_account_manager_can_neither_see_nor_change_the_checklist(alliance, client_for, shipped):
    checklist = services.start_checklist(actor=alliance["am_a"], account=alliance["adv_a"],
                                         template=shipped[BRAND_PROTECTION])
    entry = checklist.entries.first()
    client = client_for(alliance["am_b"])
    assert client.get(checklist.get_absolute_url()).status_code == 404
    assert client.post(reverse("governance:entry_update", args=[entry.pk]),
                       {f"e{entry.pk}-status": "done"}).status_code == 404


def test_shipped_items_read_in_chinese_and_a_rewritten_item_as_written(alliance, client_for, shipped):
    template = shipped[BRAND_PROTECTION]
    item = template.items.order_by("position").first()
    client = client_for(alliance["admin"])
    with translation.override("zh-hans"):
        chinese = str(item)
    assert chinese != item.title
    client.cookies["django_language"] = "zh-hans"
    assert chinese in client.get(template.get_absolute_url()).content.decode()
    services.rename_template_item(actor=alliance["admin"], item=item, title="Watch 品牌 domains daily")
    assert "Watch 品牌 domains daily" in client.get(template.get_absolute_url()).content.decode()


def test_a_new_template_item_joins_running_checklists(alliance, shipped):
    checklist = services.start_checklist(actor=alliance["am_a"], account=alliance["adv_a"],
                                         template=shipped[BRAND_PROTECTION])
    services.add_template_item(actor=alliance["admin"], template=shipped[BRAND_PROTECTION],
                               title="Monitor app stores for fake apps")
    assert checklist.entries.count() == 11


def test_staff_acknowledge_each_version_of_a_policy(alliance, client_for):
    policy = services.publish_policy(actor=alliance["admin"], title="Personal accounts",
                                     body="Say you work for us when you post about clients.")
    client = client_for(alliance["lead_a"])
    assert "Personal accounts" in client.get(reverse("home")).content.decode()
    client.post(reverse("governance:policy_acknowledge", args=[policy.pk]), follow=True)
    client.post(reverse("governance:policy_acknowledge", args=[policy.pk]), follow=True)
    assert policy.acknowledgements.count() == 1
    assert "Personal accounts" not in client.get(reverse("home")).content.decode()
    services.revise_policy(actor=alliance["admin"], policy=policy, title="Personal accounts",
                           body="Say you work for us, and never post client budgets.")
    assert "Personal accounts" in client.get(reverse("home")).content.decode()
    admin_view = client_for(alliance["admin"]).get(policy.get_absolute_url()).content.decode()
    assert "Nobody yet" in admin_view


def test_only_admins_publish_policies_and_edit_templates(alliance, client_for, shipped):
    client = client_for(alliance["am_a"])
    assert client.post(reverse("governance:policy_list"), {"title": "x", "body": "y"}).status_code == 403
    assert client.get(reverse("governance:template_list")).status_code == 403
