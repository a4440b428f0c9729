"""One world for the security suite: every kind of object twice, once on an account the signed-in
user may see ("own") and once on a confidential account of another manager ("other")."""

from datetime import date, timedelta

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.utils import timezone, translation

from campaigns.models import (
    CalendarFeed,
    CampaignRisk,
    ComplianceTerm,
    PlanTemplate,
    StepComment,
    TeamMember,
)
from crisis import services as crisis_services
from crisis.models import Incident, IncidentAction, Signal
from governance.models import Checklist, ChecklistTemplate, Entry, Policy, TemplateItem
from imports.models import ImportJob, SourceMapping
from reports.models import ReportSchedule, SavedView
from social.models import Experiment, Mention, Post, PostImport, SocialProfile, Variant
from tests.accounts.factories import (
    ActionItemFactory,
    CadenceFactory,
    ContactFactory,
    MeetingFactory,
    PartnershipFactory,
)
from tests.campaigns.factories import MilestoneFactory
from tests.crisis.factories import WarningRuleFactory
from tests.factories import AccountFactory, CampaignFactory, UserFactory
from tests.feedback.factories import FeedbackFactory, FeedbackLinkFactory
from training.models import Attendance, Material
from training.models import Session as TrainingSession
from workdays.models import CalendarOverride

ROLES = ("admin", "executive", "project_lead", "account_manager", "analyst")
# The user signed in for each role; "own" objects hang off Advertiser A and campaign A, which each
# of them may see. "Other" objects hang off am_b's confidential Secret Brand.
ROLE_USER = {"admin": "admin", "executive": "executive", "project_lead": "lead_a",
             "account_manager": "am_a", "analyst": "analyst",
             # Not a staff role of the matrix: the content-marker tests read as this partner user too.
             "partner": "partner_a"}
SEES_CONFIDENTIAL = {"admin", "executive"}
# Rows whose growth is the point of a refusal (audit trail, login throttling, sessions).
UNCOUNTED_TABLES = {"audit_auditentry", "django_session", "axes_accessattempt", "axes_accesslog",
                    "axes_accessfailurelog"}


@pytest.fixture(autouse=True)
def _fast_and_fresh(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast test users
    settings.MEDIA_ROOT = tmp_path
    cache.clear()  # rate limits and cached fragments start empty
    yield
    cache.clear()
    # A request's LocaleMiddleware leaves its language active in this thread: the next test
    # (anywhere in the suite) must not inherit a Chinese page's language.
    translation.activate(django_settings.LANGUAGE_CODE)


def _signal(rule, account, campaign, title):
    now = timezone.now()
    return Signal.objects.create(rule=rule, dedupe_key=f"test:{title}", severity="high", title=title,
                                 account=account, campaign=campaign, first_seen_at=now, last_seen_at=now)


def _incident(user, account, campaign, title):
    incident = crisis_services.open_incident(
        user=user, owner=user, title=title, incident_type=Incident.Type.PERFORMANCE, severity="high",
        scope=Incident.Scope.CAMPAIGN, accounts=[account], campaigns=[campaign])
    action = IncidentAction.objects.create(incident=incident, title=f"{title} action", owner=user,
                                           due_on=timezone.localdate() + timedelta(days=3))
    return incident, action


def _import_job(user, campaign, name):
    source, _ = SourceMapping.objects.get_or_create(name=f"Source of {user.username}",
                                                    defaults={"updated_by": user})
    return ImportJob.objects.create(
        uploaded_by=user, source=source, original_name=f"{name}.csv", size=10, content_hash=name,
        file=SimpleUploadedFile(f"{name}.csv", b"day,clicks\n"), campaign=campaign,
        status=ImportJob.Status.VALIDATED, headers=["day", "clicks"])


def _template():
    template, created = ChecklistTemplate.objects.get_or_create(name="Security checklist")
    if created:
        TemplateItem.objects.create(template=template, title="Watch the domains")
    return template


def _side(user, account, campaign, label):
    """Every object kind, on `account` / `campaign`, with names carrying `label`."""
    publisher = AccountFactory(side="publisher", kind="media", account_manager=account.account_manager,
                               name=f"{label} Media", is_confidential=account.is_confidential)
    link = FeedbackLinkFactory(account=account)
    checklist = Checklist.objects.create(account=account, template=_template(), created_by=user)
    entry = Entry.objects.create(checklist=checklist, item=checklist.template.items.first(),
                                 note=f"{label} evidence note",
                                 evidence_file=SimpleUploadedFile("evidence.pdf", b"%PDF " + label.encode()))
    training = TrainingSession.objects.create(topic=f"{label} training", held_on=timezone.localdate(),
                                              trainer=account.account_manager, account=account,
                                              created_by=account.account_manager)
    material = Material.objects.create(session=training, title=f"{label} slides",
                                       uploaded_by=account.account_manager,
                                       file=SimpleUploadedFile("slides.pdf", b"%PDF " + label.encode()))
    attendance = Attendance.objects.create(session=training, contact=ContactFactory(account=account))
    incident, incident_action = _incident(user, account, campaign, f"{label} incident")
    milestone = MilestoneFactory(campaign=campaign, name=f"{label} milestone")
    comment = StepComment.objects.create(milestone=milestone, author=campaign.project_lead,
                                         body=f"{label} comment",
                                         attachment=SimpleUploadedFile("draft.txt", label.encode()))
    member = TeamMember.objects.create(
        campaign=campaign, role="creative", added_by=campaign.project_lead,
        user=UserFactory(role="account_manager", username=f"member_{campaign.pk}"))
    return {
        **_social(user, account, campaign, label),
        "account": account, "campaign": campaign, "publisher": publisher,
        "contact": ContactFactory(account=account, name=f"{label} contact"),
        "meeting": MeetingFactory(account=account, minutes=f"{label} minutes"),
        "action_item": ActionItemFactory(account=account, title=f"{label} follow-up"),
        "cadence": CadenceFactory(account=account),
        "partnership": PartnershipFactory(advertiser=account, publisher=publisher),
        "milestone": milestone, "comment": comment, "member": member,
        "review": MilestoneFactory(campaign=campaign, name=f"{label} review", review_stage="client",
                                   kind="client_review"),
        "feedback": FeedbackFactory(account=account, text=f"{label} feedback text"),
        "link": link, "checklist": checklist, "entry": entry, "training": training,
        "material": material, "attendance": attendance,
        "signal": _signal(WarningRuleFactory(), account, campaign, f"{label} signal"),
        "incident": incident, "incident_action": incident_action,
        "saved_view": SavedView.objects.create(owner=account.account_manager, name=f"{label} view",
                                               query="period=ytd"),
        "schedule": ReportSchedule.objects.create(
            recipient=account.account_manager, created_by=account.account_manager, account=account,
            kind=ReportSchedule.Kind.ACCOUNT_MONTHLY),
    }


def _partner_user(contact):
    from accounts.models import User

    user = User(username=contact.email, email=contact.email, role=User.Role.PARTNER, contact=contact)
    user.set_unusable_password()
    user.save()
    return user


def portal_link(purpose, side):
    """A usable signed link of `purpose` for the side's client contact (and its review step)."""
    from portal.models import AccessLink

    return AccessLink.objects.create(
        purpose=purpose, contact=side["contact"], milestone=side["review"] if purpose == "review" else None,
        created_by=side["account"].account_manager, expires_at=timezone.now() + timedelta(days=1))


def review_decision(side):
    """A decision the client's contact took on the side's client review, with a file attached."""
    from campaigns.models import Review

    review = Review.objects.filter(milestone=side["review"]).first()
    return review or Review.objects.create(
        milestone=side["review"], stage="client", reviewer=side["contact"].name, decision="changes_requested",
        recorded_by=side["account"].account_manager, decided_by_contact=side["contact"],
        attachment=SimpleUploadedFile("notes.pdf", b"%PDF notes"))


def _social(user, account, campaign, label):
    """The social channel's objects of one side: a profile, a post on the side's campaign, a
    comment on it, an A/B test and a post import."""
    profile = SocialProfile.objects.create(account=account, platform="weibo", handle=f"{label} handle")
    post = Post.objects.create(profile=profile, campaign=campaign, external_id=f"{label}-post",
                               published_at=timezone.now() - timedelta(days=1), text=f"{label} post text",
                               impressions=1000, likes=50, clicks=10)
    mention = Mention.objects.create(account=account, kind="comment", platform="weibo", post=post,
                                     external_id=f"{label}-comment", text=f"{label} comment text",
                                     author=f"{label} author", published_at=timezone.now() - timedelta(hours=3),
                                     sentiment="negative")
    experiment = Experiment.objects.create(account=account, name=f"{label} A/B test", metric="ctr", created_by=user)
    Variant.objects.create(experiment=experiment, label="A").posts.add(post)
    Variant.objects.create(experiment=experiment, label="B", creative_label=f"{label} B")
    post_import = PostImport.objects.create(
        profile=profile, uploaded_by=user, original_name="posts.csv", headers=["Post ID", "Published"],
        columns={"external_id": "Post ID"},
        file=SimpleUploadedFile("posts.csv", f"Post ID,Published\n{label},2026-11-01\n".encode()))
    return {"profile": profile, "post": post, "mention": mention, "experiment": experiment,
            "post_import": post_import}


@pytest.fixture
def world(alliance):
    """The alliance plus, for each side, one object of every kind the URLs address."""
    secret_campaign = CampaignFactory(advertiser=alliance["secret"], project_lead=alliance["lead_b"],
                                      name="Secret Brand Launch")
    own = _side(alliance["am_a"], alliance["adv_a"], alliance["campaign_a"], "Own")
    other = _side(alliance["am_b"], alliance["secret"], secret_campaign, "Secret Brand")
    own["import_job"] = _import_job(alliance["lead_a"], alliance["campaign_a"], "own-import")
    other["import_job"] = _import_job(alliance["lead_b"], secret_campaign, "Secret Brand import")
    calendar = CalendarFeed.objects.create(user=alliance["lead_a"])
    for side, lead in ((own, alliance["lead_a"]), (other, alliance["lead_b"])):
        side["risk"] = CampaignRisk.objects.create(campaign=side["campaign"], description="KOL cancels",
                                                   owner=lead, created_by=lead)
        side["template"] = PlanTemplate.objects.create(name=f"Template of {lead.username}", created_by=lead)
    own["override"] = CalendarOverride.objects.create(day=date(2026, 11, 20), name="Own retreat")
    other["override"] = CalendarOverride.objects.create(day=date(2026, 11, 27), name="Other retreat")
    colleague = UserFactory(role="account_manager", username="am_c")
    for account in (alliance["adv_a"], alliance["secret"]):
        account.shared_with.add(colleague)
    policy = Policy.objects.create(title="Personal accounts", body="Say you work for us.")
    term, _created = ComplianceTerm.objects.get_or_create(
        term="security-term", defaults={"reason_en": "A test term.", "reason_zh": "测试用语。"})
    for side in (own, other):  # the client contact of each side signs in to the partner portal
        side["partner"] = _partner_user(side["contact"])
        side["partner_item"] = ActionItemFactory(account=side["account"], owner_contact=side["contact"],
                                                 title=f"{side['contact'].name} partner task")
    return {**alliance, "own": own, "other": other, "partner_a": own["partner"], "calendar": calendar,
            "colleague": colleague, "template": _template(), "policy": policy, "term": term}


@pytest.fixture
def row_counts():
    """Row counts of every table (but the ones that record refusals), to prove nothing was written.
    One UNION query, because the matrix takes this snapshot around every read-only POST."""
    tables = sorted({model._meta.db_table for model in apps.get_models()} - UNCOUNTED_TABLES)
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(  # table names come from the model registry, not from input
        f"SELECT '{table}', COUNT(*) FROM {quote(table)}" for table in tables)  # noqa: S608

    def count():
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return dict(cursor.fetchall())

    return count


@pytest.fixture
def rolled_back():
    """Run a request and undo its writes, so one world serves every cell of a matrix."""

    class RolledBack:
        def __enter__(self):
            self.atomic = transaction.atomic()
            self.atomic.__enter__()

        def __exit__(self, *exc):
            transaction.set_rollback(True)
            return self.atomic.__exit__(*exc)

    return RolledBack


@pytest.fixture
def uninstrumented_templates(monkeypatch):
    """Thousands of matrix requests need no `response.templates`: skip the test runner's per-render
    context copies (a third of the matrix' time)."""
    from django.template.base import Template
    from django.test.utils import _TestState

    monkeypatch.setattr(Template, "_render", _TestState.saved_data.template_render)
