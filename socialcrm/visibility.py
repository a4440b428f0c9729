"""Who may see and do what, for the whole product. The one room for that rule.

Every list, page, partial, export, feed, notification, email, report and API response asks this
module; nothing else filters by visibility or decides a permission. Everything derives from two
scopes, the accounts and the campaigns a user may see:

| role            | accounts seen                                         | campaigns seen                      | writes                       |
| --------------- | ----------------------------------------------------- | ----------------------------------- | ---------------------------- |
| admin           | all                                                   | all                                 | everything                   |
| executive       | all, confidential included                            | all                                 | nothing (read-only)          |
| analyst         | all but confidential                                  | all but confidential advertisers'   | nothing (read-only)          |
| account manager | managed by them or shared with them                   | of those advertisers, or managed    | their accounts               |
| project lead    | of the campaigns they lead, not confidential          | the ones they lead                  | their campaigns              |
| team member     | (as their role)                                       | also the campaigns whose team they are on | the steps they own     |
| partner         | their own organisation (one advertiser or publisher)  | it advertises or carries            | see "Partner users" below    |

Derived rules:
- contacts, action items and cadences follow their account; a partnership is seen by whoever
  sees either side, but never with a confidential side hidden from the user;
- a publisher is seen when its account is, or when it is not confidential and carries a campaign
  the user sees; a confidential publisher's name and numbers never reach anyone else;
- meetings, feedback and signals follow their account and, when tied to one, their campaign;
- an incident is seen only when *every* affected account and campaign is;
- a campaign's team (campaigns.TeamMember, any staff user) sees the campaign while on the team;
- milestones, their comments and attached drafts follow their campaign;
- a report schedule and its history are their recipient's, and only while the account is visible;
- notifications are shown and emailed only while their account / campaign is still visible.

Adding a role (for instance partner users who belong to one organisation) means adding one entry
to `ACCOUNT_SCOPES` and `CAMPAIGN_SCOPES` (and to the write predicates if they may write): every
other queryset below is built from those two.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from accounts.models import Account, ActionItem, Cadence, Contact, Meeting, Partnership, User
from campaigns.models import Campaign, Milestone, StepComment, TeamMember

Role = User.Role
RUNS_INCIDENTS = (Role.ADMIN, Role.ACCOUNT_MANAGER, Role.PROJECT_LEAD)
READS_EXECUTIVE_REPORT = (Role.ADMIN, Role.EXECUTIVE, Role.ANALYST)
IMPORTS = (Role.ADMIN, Role.PROJECT_LEAD)
READS_DASHBOARD = (Role.ADMIN, Role.EXECUTIVE, Role.ANALYST, Role.ACCOUNT_MANAGER)
READS_PORTFOLIO = (Role.ADMIN, Role.ACCOUNT_MANAGER)


def _get_or_404(queryset, pk):
    """The row, or 404 when it does not exist *or* the user may not see it (same answer)."""
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None


# Accounts -----------------------------------------------------------------------------------


def _managed_or_shared(user):
    shared = Account.shared_with.through.objects.filter(user=user).values("account_id")
    # A subquery instead of a join keeps rows unique without DISTINCT, so lists stay cheap.
    return Q(account_manager=user) | Q(pk__in=shared)


def _of_led_campaigns(user):
    led = Campaign.objects.filter(project_lead=user)
    return (Q(pk__in=led.values("advertiser_id")) | Q(pk__in=led.values("publishers"))) & Q(
        is_confidential=False)


def _own_organisation(user):
    return Q(pk=user.organisation_id, archived_at__isnull=True)


ACCOUNT_SCOPES = {Role.ACCOUNT_MANAGER: _managed_or_shared, Role.PROJECT_LEAD: _of_led_campaigns,
                  Role.PARTNER: _own_organisation}


def accounts_visible_to(user):
    accounts = Account.objects.all()
    if user.reads_everything:
        return accounts if user.sees_confidential else accounts.filter(is_confidential=False)
    scope = ACCOUNT_SCOPES.get(user.role)
    return accounts.filter(scope(user)) if scope else accounts.none()


def accounts_editable_by(user):
    if user.is_admin:
        return Account.objects.all()
    if user.role == Role.ACCOUNT_MANAGER:
        return accounts_visible_to(user)
    return Account.objects.none()


def can_edit_account(user, account):
    return accounts_editable_by(user).filter(pk=account.pk).exists()


def ensure_can_edit(actor, account):
    if not can_edit_account(actor, account):
        raise PermissionDenied


def can_create_accounts(user):
    return user.is_admin or user.role == Role.ACCOUNT_MANAGER


def can_share_account(user, account):
    """Only the account's own manager (not a colleague it is shared with) or an admin."""
    return user.is_admin or account.account_manager_id == user.pk


def get_visible_account(user, pk):
    return _get_or_404(accounts_visible_to(user), pk)


def get_editable_account(user, pk):
    """404 for an account the user may not see; 403 for one they may see but not change."""
    account = get_visible_account(user, pk)
    ensure_can_edit(user, account)
    return account


def _on_visible_accounts(model, user):
    return model.objects.filter(account__in=accounts_visible_to(user).values("pk"))


def contacts_visible_to(user):
    return _on_visible_accounts(Contact, user)


def get_visible_contact(user, pk):
    return _get_or_404(contacts_visible_to(user).select_related("account"), pk)


def meetings_visible_to(user):
    """A meeting follows its account and, when it is about one campaign, that campaign too."""
    return _on_visible_accounts(Meeting, user).filter(
        Q(campaign__isnull=True) | Q(campaign__in=campaigns_visible_to(user).values("pk")))


def get_visible_meeting(user, pk):
    return _get_or_404(meetings_visible_to(user).select_related("account", "logged_by"), pk)


def action_items_visible_to(user):
    return _on_visible_accounts(ActionItem, user)


def get_visible_action_item(user, pk):
    return _get_or_404(action_items_visible_to(user).select_related("account", "owner"), pk)


def can_complete_action_item(actor, item):
    return (item.owner_id == actor.pk and not actor.is_read_only) or can_edit_account(actor, item.account)


def cadences_visible_to(user):
    return _on_visible_accounts(Cadence, user)


def get_visible_cadence(user, pk):
    return _get_or_404(cadences_visible_to(user).select_related("account"), pk)


def _hidden_confidential_accounts(user):
    if user.sees_confidential:
        return Account.objects.none()
    return Account.objects.filter(is_confidential=True).exclude(pk__in=accounts_visible_to(user).values("pk"))


def partnerships_visible_to(user):
    """A partnership is seen by whoever sees either side, and the other side's name is then shown;
    so never one with a confidential side the user may not see."""
    visible = accounts_visible_to(user).values("pk")
    hidden = _hidden_confidential_accounts(user).values("pk")
    return (Partnership.objects.filter(Q(advertiser__in=visible) | Q(publisher__in=visible))
            .exclude(advertiser__in=hidden).exclude(publisher__in=hidden))


def get_visible_partnership(user, pk):
    return _get_or_404(partnerships_visible_to(user).select_related("advertiser", "publisher"), pk)


def staff_who_see_all(account_ids, *, runners_only=True):
    """Active staff who may see every one of these accounts: the people an incident on them can be
    assigned to (owner, actions) or involve (RACI). `accounts_visible_to` seen from the user side,
    one query whatever the number of staff."""
    staff = User.objects.filter(is_active=True)
    if runners_only:
        staff = staff.filter(role__in=RUNS_INCIDENTS)
    any_confidential = Account.objects.filter(pk__in=account_ids, is_confidential=True).exists()
    for account_id in account_ids:
        sees = (
            Q(role=Role.ADMIN) | Q(is_superuser=True) | Q(role=Role.EXECUTIVE)
            | Q(role=Role.ACCOUNT_MANAGER, managed_accounts=account_id)
            | Q(role=Role.ACCOUNT_MANAGER, shared_accounts=account_id)
        )
        if not any_confidential:
            sees |= (Q(role=Role.ANALYST)
                     | Q(role=Role.PROJECT_LEAD, led_campaigns__advertiser=account_id)
                     | Q(role=Role.PROJECT_LEAD, led_campaigns__publishers=account_id))
        staff = staff.filter(pk__in=User.objects.filter(sees).values("pk"))
    return staff.order_by("first_name", "username")


def possible_action_item_owners(account):
    """Staff who work on the account: its manager, colleagues it is shared with, the project
    leads of its campaigns (unless it is confidential: they may not see it), and admins."""
    works_on = Q(pk=account.account_manager_id) | Q(shared_accounts=account) | Q(role=Role.ADMIN) | Q(
        is_superuser=True)
    if not account.is_confidential:
        works_on |= Q(led_campaigns__advertiser=account) | Q(led_campaigns__publishers=account)
    return User.objects.filter(works_on, is_active=True).distinct().order_by("first_name", "username")


def checklists_visible_to(user):
    """Governance checklists follow their account."""
    from governance.models import Checklist

    return _on_visible_accounts(Checklist, user)


def get_visible_checklist(user, pk):
    return _get_or_404(checklists_visible_to(user).select_related("account", "template"), pk)


def get_visible_checklist_entry(user, pk):
    from governance.models import Entry

    entries = Entry.objects.filter(checklist__in=checklists_visible_to(user).values("pk"))
    return _get_or_404(entries.select_related("checklist__account", "item"), pk)


# Campaigns ----------------------------------------------------------------------------------


def _of_visible_advertisers_or_managed(user):
    return Q(advertiser__in=accounts_visible_to(user).values("pk")) | Q(account_manager=user)


def _led(user):
    return Q(project_lead=user)


def _advertised_or_carried(user):
    carried = Campaign.publishers.through.objects.filter(account_id=user.organisation_id)
    return (Q(advertiser_id=user.organisation_id) | Q(pk__in=carried.values("campaign_id"))) & Q(
        archived_at__isnull=True)


CAMPAIGN_SCOPES = {Role.ACCOUNT_MANAGER: _of_visible_advertisers_or_managed, Role.PROJECT_LEAD: _led,
                   Role.PARTNER: _advertised_or_carried}


def _on_team(user):
    """The campaigns whose team the user is on (whatever their role): the lead put them there."""
    return Q(pk__in=TeamMember.objects.filter(user=user, removed_at__isnull=True).values("campaign_id"))


def campaigns_visible_to(user):
    campaigns = Campaign.objects.all()
    if user.reads_everything:
        return campaigns if user.sees_confidential else campaigns.filter(
            Q(advertiser__is_confidential=False) | _on_team(user))
    scope = CAMPAIGN_SCOPES.get(user.role)
    return campaigns.filter(scope(user) | _on_team(user)) if scope else campaigns.filter(_on_team(user))


def is_on_team(user, campaign):
    return TeamMember.objects.filter(campaign=campaign, user=user, removed_at__isnull=True).exists()


def staff_who_see_campaign(campaign):
    """Active staff who may see the campaign: `campaigns_visible_to` seen from the user side, in
    one query whatever the number of staff (the people a step can be given to or mention)."""
    advertiser = campaign.advertiser_id
    sees = (Q(role=Role.ADMIN) | Q(is_superuser=True) | Q(role=Role.EXECUTIVE)
            | Q(role=Role.PROJECT_LEAD, pk=campaign.project_lead_id)
            | Q(role=Role.ACCOUNT_MANAGER, pk=campaign.account_manager_id)
            | Q(role=Role.ACCOUNT_MANAGER, pk__in=Account.objects.filter(pk=advertiser).values("account_manager"))
            | Q(role=Role.ACCOUNT_MANAGER, pk__in=Account.shared_with.through.objects.filter(
                account_id=advertiser).values("user_id"))
            | Q(pk__in=campaign.team.filter(removed_at__isnull=True).values("user_id")))
    if not Account.objects.filter(pk=advertiser, is_confidential=True).exists():
        sees |= Q(role=Role.ANALYST)
    return User.objects.filter(sees, is_active=True).exclude(role=Role.PARTNER).order_by("first_name", "username")


def possible_step_owners(campaign):
    """Who a step may be given to: staff who see the campaign and may write, and its team."""
    team = campaign.team.filter(removed_at__isnull=True).values("user_id")
    return staff_who_see_campaign(campaign).filter(
        Q(pk__in=team) | Q(role__in=(Role.ADMIN, Role.PROJECT_LEAD, Role.ACCOUNT_MANAGER)) | Q(is_superuser=True))


def get_visible_team_member(user, pk):
    members = TeamMember.objects.filter(campaign__in=campaigns_visible_to(user).values("pk"),
                                        removed_at__isnull=True)
    return _get_or_404(members.select_related("campaign", "user"), pk)


def can_manage_team(user, campaign):
    """Adding and removing team members: the campaign's lead and admins."""
    return can_edit_campaign(user, campaign)


def campaigns_editable_by(user):
    if user.is_admin:
        return Campaign.objects.all()
    if user.role == Role.PROJECT_LEAD:
        return Campaign.objects.filter(project_lead=user)
    return Campaign.objects.none()


def can_create_campaign(user):
    return user.is_admin or user.role == Role.PROJECT_LEAD


def can_edit_campaign(user, campaign):
    return campaigns_editable_by(user).filter(pk=campaign.pk).exists()


def get_visible_campaign(user, pk):
    return _get_or_404(campaigns_visible_to(user), pk)


def get_editable_campaign(user, pk):
    """The campaign to change: 404 when the user may not see it, 403 when they may only read it."""
    campaign = get_visible_campaign(user, pk)
    if not can_edit_campaign(user, campaign):
        raise PermissionDenied
    return campaign


def milestones_visible_to(user):
    return Milestone.objects.filter(campaign__in=campaigns_visible_to(user).values("pk"))


def can_work_on_milestone(user, milestone):
    """Campaign editors, and the step's own owner, move its status and record its reviews (an
    analyst or executive only when on the campaign's team: read-only otherwise)."""
    if milestone.owner_id == user.pk and (not user.is_read_only or is_on_team(user, milestone.campaign)):
        return True
    return not user.is_read_only and can_edit_campaign(user, milestone.campaign)


def can_comment_on(user, campaign):
    """Comments and drafts on a visible campaign's steps: anyone who may write, and its team."""
    return not user.is_read_only or is_on_team(user, campaign)


def comments_visible_to(user):
    return StepComment.objects.filter(milestone__campaign__in=campaigns_visible_to(user).values("pk"))


def get_visible_comment(user, pk):
    return _get_or_404(comments_visible_to(user).filter(archived_at__isnull=True)
                       .select_related("milestone__campaign"), pk)


def get_visible_milestone(user, pk):
    return _get_or_404(milestones_visible_to(user).select_related("campaign", "owner"), pk)


def get_workable_milestone(user, pk):
    milestone = get_visible_milestone(user, pk)
    if not can_work_on_milestone(user, milestone):
        raise PermissionDenied
    return milestone


# Publishers -----------------------------------------------------------------------------------


def publishers_visible_to(user):
    """Publishers whose name and numbers the user may read: the visible publisher accounts, and
    the non-confidential publishers carrying a campaign the user sees."""
    carried = Campaign.publishers.through.objects.filter(
        campaign__in=campaigns_visible_to(user).values("pk")).values("account_id")
    return Account.objects.publishers().filter(
        Q(pk__in=accounts_visible_to(user).values("pk")) | Q(pk__in=carried, is_confidential=False))


def hidden_publisher_ids(user):
    """Confidential publishers this user may not see, sorted (small: a cache key and a filter)."""
    return sorted(_hidden_confidential_accounts(user).publishers().values_list("pk", flat=True))


def publishers_of_campaign(user, campaign):
    """The campaign's publishers the user may see (a confidential one stays unnamed)."""
    return campaign.publishers.filter(pk__in=publishers_visible_to(user).values("pk"))


def publishers_choosable_by(user):
    """Publishers an import may attribute facts to: every publisher but the confidential ones the
    user may not see (their names must not show up in a select or a row check)."""
    return Account.objects.publishers().filter(
        Q(is_confidential=False) | Q(pk__in=accounts_visible_to(user).values("pk")))


# Feedback -------------------------------------------------------------------------------------


def feedback_visible_to(user):
    """Feedback follows its account and, when tied to a campaign, that campaign too; public
    feedback with neither is seen by admins, executives and its owner; owners see their own."""
    from feedback.models import Feedback

    feedback = Feedback.objects.all()
    if user.is_admin:
        return feedback
    campaigns = campaigns_visible_to(user).values("pk")
    visible = (
        (Q(account__in=accounts_visible_to(user).values("pk"))
         & (Q(campaign__isnull=True) | Q(campaign__in=campaigns)))
        | Q(account__isnull=True, campaign__in=campaigns)
        | Q(owner=user)
    )
    if user.role == Role.EXECUTIVE:
        visible |= Q(account__isnull=True, campaign__isnull=True)
    return feedback.filter(visible)


def get_visible_feedback(user, pk):
    return _get_or_404(feedback_visible_to(user).select_related("account", "campaign", "owner"), pk)


def ensure_can_write(user):
    """Executives and analysts read only."""
    if user.is_read_only:
        raise PermissionDenied


def get_writable_feedback(user, pk):
    feedback = get_visible_feedback(user, pk)
    ensure_can_write(user)
    return feedback


def ensure_can_redact(user):
    if not user.is_admin:
        raise PermissionDenied


def can_send_links_for(user, account):
    return not user.is_read_only and accounts_editable_by(user).filter(pk=account.pk).exists()


# Crisis ---------------------------------------------------------------------------------------


def signals_visible_to(user):
    from crisis.models import Signal

    signals = Signal.objects.all()
    if user.reads_everything and user.sees_confidential:
        return signals
    return signals.filter(
        Q(campaign__isnull=True) | Q(campaign__in=campaigns_visible_to(user).values("pk")),
        account__in=accounts_visible_to(user).values("pk"))


def incidents_visible_to(user):
    """An incident touching a confidential or someone else's account or campaign never leaks to a
    colleague who sees only part of what it touches."""
    from crisis.models import Incident

    incidents = Incident.objects.all()
    if user.reads_everything and user.sees_confidential:
        return incidents
    hidden_accounts = Account.objects.exclude(pk__in=accounts_visible_to(user).values("pk"))
    touches_hidden_account = Incident.accounts.through.objects.filter(
        incident_id=OuterRef("pk"), account__in=hidden_accounts,
    )
    hidden_campaigns = Campaign.objects.exclude(pk__in=campaigns_visible_to(user).values("pk"))
    touches_hidden_campaign = Incident.campaigns.through.objects.filter(
        incident_id=OuterRef("pk"), campaign__in=hidden_campaigns,
    )
    return incidents.filter(~Exists(touches_hidden_account), ~Exists(touches_hidden_campaign))


def get_visible_signal(user, pk):
    return _get_or_404(
        signals_visible_to(user).select_related("account", "campaign", "rule", "incident"), pk)


def get_visible_incident(user, pk):
    return _get_or_404(incidents_visible_to(user).select_related("owner", "opened_by"), pk)


def get_visible_action(user, pk):
    from crisis.models import IncidentAction

    return _get_or_404(IncidentAction.objects.select_related("incident", "owner").filter(
        incident__in=incidents_visible_to(user)), pk)


def can_run_incidents(user):
    return not user.is_read_only and (user.is_admin or user.role in RUNS_INCIDENTS)


# Imports --------------------------------------------------------------------------------------


def can_import(user):
    return user.is_admin or user.role in IMPORTS


def require_importer(user):
    if not can_import(user):
        raise PermissionDenied


def ensure_can_read_import_history(user):
    """Importers see their own imports; executives and analysts the history of finished ones."""
    if not (can_import(user) or user.reads_everything):
        raise PermissionDenied


def jobs_visible_to(user):
    """Importers see their own (admins all); executives and analysts see the history of imports
    that wrote only campaigns visible to them, without file contents."""
    from imports.models import ImportJob

    jobs = ImportJob.objects.select_related("source", "uploaded_by")
    if user.is_admin:
        return jobs
    if user.role == Role.PROJECT_LEAD:
        return jobs.filter(uploaded_by=user)
    if user.reads_everything:
        hidden = Campaign.objects.exclude(pk__in=campaigns_visible_to(user).values("pk"))
        return jobs.filter(status=ImportJob.Status.DONE).exclude(campaigns__in=hidden)
    return jobs.none()


def get_own_job(user, pk):
    """A job the user may act on (their own, or any for an admin); 404 otherwise."""
    from imports.models import ImportJob

    jobs = ImportJob.objects.select_related("source", "campaign", "publisher")
    if not user.is_admin:
        jobs = jobs.filter(uploaded_by=user)
    return _get_or_404(jobs, pk)


# Training -------------------------------------------------------------------------------------


def sessions_visible_to(user):
    """Internal sessions are seen by all staff; a partner's sessions follow the account."""
    from training.models import Session

    return Session.objects.filter(
        Q(account__isnull=True) | Q(account__in=accounts_visible_to(user).values("pk")),
        archived_at__isnull=True,
    )


def get_visible_session(user, pk):
    return _get_or_404(sessions_visible_to(user).select_related("trainer", "account"), pk)


def can_run_session(user, session):
    """The trainer, whoever created it, admins; for a partner's session, its account's editors."""
    if user.is_read_only:
        return False
    if user.is_admin or user.pk in (session.trainer_id, session.created_by_id):
        return True
    return session.account is not None and can_edit_account(user, session.account)


def can_create_sessions(user):
    return not user.is_read_only


# Reports --------------------------------------------------------------------------------------


def ensure_can_read_dashboard(user):
    """The ROI dashboard: everyone but project leads (who have their plan board)."""
    if not (user.is_admin or user.role in READS_DASHBOARD):
        raise PermissionDenied


def ensure_can_read_portfolio(user):
    if not (user.is_admin or user.role in READS_PORTFOLIO):
        raise PermissionDenied


def can_read_executive_report(user):
    return user.is_admin or user.role in READS_EXECUTIVE_REPORT


def ensure_can_read_executive_report(user):
    if not can_read_executive_report(user):
        raise PermissionDenied


def _on_visible_account_or_none(user, field="account"):
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__in": accounts_visible_to(user).values("pk")})


def schedules_visible_to(user):
    """A schedule is its recipient's (and admins'), and shown only while its account is visible."""
    from reports.models import ReportSchedule

    schedules = ReportSchedule.objects.select_related("recipient", "account", "created_by")
    if user.is_admin:
        return schedules
    return schedules.filter(_on_visible_account_or_none(user), recipient=user)


def sent_reports_visible_to(user):
    from reports.models import SentReport

    sent = SentReport.objects.select_related("schedule", "schedule__account", "recipient")
    if user.is_admin:
        return sent
    return sent.filter(_on_visible_account_or_none(user, "schedule__account"), recipient=user)


def get_visible_schedule(user, pk):
    return _get_or_404(schedules_visible_to(user), pk)


def report_recipients_for(user):
    """Whom this user may schedule reports to: admins anyone active, others themselves and the
    partner users of the advertisers they manage (their monthly account report, by email)."""
    if user.is_admin:
        return User.objects.filter(is_active=True).order_by("username")
    partners = User.objects.filter(
        role=Role.PARTNER, is_active=True, contact__account__side=Account.Side.ADVERTISER,
        contact__account__in=accounts_editable_by(user).values("pk"))
    return User.objects.filter(Q(pk=user.pk) | Q(pk__in=partners.values("pk"))).order_by("username")


def partner_may_receive_report(recipient, kind, account):
    """A partner user receives only its own advertiser's account report (a publisher's account
    report would show the advertisers' revenue: publishers read their figures in the portal)."""
    return (kind != "executive_monthly" and account is not None and account.is_advertiser
            and account.pk == recipient.organisation_id)


# Anything a notification, email or feed entry can be about ---------------------------------------


def _visible_by_label():
    """{"app_label.model": queryset of those rows the user may see}, for every kind of object a
    message can be about. A new kind (or a partner user's view of it) is one line here."""
    from crisis.models import Incident, IncidentAction, Signal
    from feedback.models import Feedback
    from social.models import Mention, Post

    return {
        Account._meta.label_lower: accounts_visible_to,
        Post._meta.label_lower: posts_visible_to,
        Mention._meta.label_lower: mentions_visible_to,
        Contact._meta.label_lower: contacts_visible_to,
        Meeting._meta.label_lower: meetings_visible_to,
        ActionItem._meta.label_lower: action_items_visible_to,
        Cadence._meta.label_lower: cadences_visible_to,
        Campaign._meta.label_lower: campaigns_visible_to,
        Milestone._meta.label_lower: milestones_visible_to,
        Feedback._meta.label_lower: feedback_visible_to,
        Signal._meta.label_lower: signals_visible_to,
        Incident._meta.label_lower: incidents_visible_to,
        IncidentAction._meta.label_lower: lambda user: IncidentAction.objects.filter(
            incident__in=incidents_visible_to(user).values("pk")),
    }


def visible_of_kind(user, label):
    """The rows of kind `label` ("app_label.model") the user may see."""
    return _visible_by_label()[label](user)


def may_see(user, obj):
    """Whether `user` may see `obj` right now: asked when a notification, email, feed or report
    is produced, not only when the thing was created."""
    if not user.is_active:
        return False
    return visible_of_kind(user, obj._meta.label_lower).filter(pk=obj.pk).exists()


def subject_of(obj):
    """The fields naming what a notification is about."""
    if obj is None:
        return {}
    return {"subject_type": obj._meta.label_lower, "subject_id": obj.pk}


def still_visible(notification):
    """Whether the notification's recipient may still see what it is about."""
    if not notification.subject_type:
        return notification.recipient.is_active
    if not notification.recipient.is_active:
        return False
    visible = visible_of_kind(notification.recipient, notification.subject_type)
    return visible.filter(pk=notification.subject_id).exists()


def notifications_visible_to(user):
    """The user's notifications about things they may still see: losing access hides what was
    sent before, in the list, the unread count and any email not yet sent."""
    from notifications.models import Notification

    mine = Notification.objects.filter(recipient=user)
    labels = mine.exclude(subject_type="").values_list("subject_type", flat=True).distinct()
    visible = Q(subject_type="")
    for label in labels:
        if label in _visible_by_label():
            ids = visible_of_kind(user, label).values("pk")
            visible |= Q(subject_type=label, subject_id__in=ids)
    return mine.filter(visible)


# Campaign plans ---------------------------------------------------------------------------


def can_edit_plan(user, campaign):
    """The whole plan: the campaign's lead and admins."""
    return can_edit_campaign(user, campaign)


def can_edit_client_steps(user, campaign):
    """Client-facing steps: also the campaign's account manager."""
    return can_edit_plan(user, campaign) or (
        not user.is_read_only and campaign.account_manager_id == user.pk)


def can_manage_template(user, template):
    """A plan template: its author and admins."""
    return user.is_admin or (template.created_by_id is not None and template.created_by_id == user.pk)


def can_manage_compliance_terms(user):
    """The compliance term list (广告法 words): admins."""
    return user.is_authenticated and user.is_admin


def can_manage_rates(user):
    """Exchange rates and the reporting currency: admins and executives."""
    return user.is_authenticated and (user.is_admin or user.role == user.Role.EXECUTIVE)


# Partner users ---------------------------------------------------------------------------------
#
# A partner user is one contact of one advertiser or publisher (its organisation). The middleware
# portal.middleware keeps it inside /portal/; the portal asks these. It sees its organisation's
# campaigns (advertised or carried), the feedback its organisation gave with the replies sent to
# it (never internal notes), the statements sent to its organisation, the action items its contact
# owns, and decides the client reviews of its own campaigns (advertisers only). A publisher sees
# the spend attributed to it; revenue only where the advertiser's partnership allows it.


def is_partner(user):
    return user.is_authenticated and user.role == Role.PARTNER


def ensure_partner(user):
    """The portal is for partner users only (staff have the staff pages)."""
    if not is_partner(user) or user.contact.archived_at is not None or user.contact.account.archived_at:
        raise PermissionDenied


def can_invite_to_portal(user, contact):
    """The contact's account's editors (its account manager, colleagues it is shared with, admins)."""
    return (not user.is_read_only and not is_partner(user) and contact.archived_at is None
            and can_edit_account(user, contact.account))


def ensure_can_invite_to_portal(user, contact):
    if not can_invite_to_portal(user, contact):
        raise PermissionDenied


def get_portal_campaign(user, pk):
    return _get_or_404(campaigns_visible_to(user).select_related("advertiser"), pk)


def partner_sees_revenue(user, campaign):
    """The advertiser sees its revenue; a publisher only where the advertiser's partnership allows it."""
    if campaign.advertiser_id == user.organisation_id:
        return True
    return Partnership.objects.filter(advertiser_id=campaign.advertiser_id, publisher_id=user.organisation_id,
                                      publisher_sees_revenue=True, archived_at__isnull=True).exists()


def portal_feedback_of(user):
    """What the partner's organisation told us (on a campaign it may see, or on none)."""
    from feedback.models import Feedback

    return Feedback.objects.filter(
        Q(campaign__isnull=True) | Q(campaign__in=campaigns_visible_to(user).values("pk")),
        account_id=user.organisation_id)


def get_portal_feedback(user, pk):
    return _get_or_404(portal_feedback_of(user).select_related("campaign"), pk)


def replies_addressed_to_partner(feedback):
    """The thread as the partner sees it: replies to the partner, never internal notes."""
    return feedback.replies.filter(kind=feedback.replies.model.Kind.PARTNER_REPLY)


def statements_for_partner(user):
    """The statements sent to the partner's organisation during incidents."""
    from crisis.models import Statement

    return (Statement.objects.filter(account_id=user.organisation_id, archived_at__isnull=True)
            .exclude(audience__in=(Statement.Audience.INTERNAL, Statement.Audience.PUBLIC)))


def partner_action_items(user):
    return ActionItem.objects.filter(owner_contact_id=user.contact_id, account_id=user.organisation_id,
                                     archived_at__isnull=True)


def get_partner_action_item(user, pk):
    return _get_or_404(partner_action_items(user), pk)


def client_reviews_for(user):
    """Client-review steps of the campaigns the partner's organisation advertises."""
    return Milestone.objects.filter(review_stage="client", campaign__advertiser_id=user.organisation_id,
                                    campaign__archived_at__isnull=True)


def get_client_review_for(user, pk):
    return _get_or_404(client_reviews_for(user).select_related("campaign__advertiser"), pk)


def can_decide_client_review(contact, milestone):
    """The advertiser's own contact decides its client reviews (in the portal or by signed link)."""
    return (contact is not None and contact.archived_at is None and milestone.review_stage == "client"
            and milestone.campaign.advertiser_id == contact.account_id)


def can_send_review_link(user, milestone):
    """Who may send a signed decision link: whoever may edit the campaign's client-facing steps."""
    return not is_partner(user) and can_edit_client_steps(user, milestone.campaign)


def may_use_api(user):
    """The staff API is for staff: a partner user's token is refused."""
    return user.is_active and not is_partner(user)


# Social channel -------------------------------------------------------------------------------


def social_profiles_visible_to(user):
    """Profiles (the account's own and its watched competitors) follow their account."""
    from social.models import SocialProfile

    return _on_visible_accounts(SocialProfile, user)


def get_visible_social_profile(user, pk):
    return _get_or_404(social_profiles_visible_to(user).select_related("account"), pk)


def posts_visible_to(user):
    """A post follows its profile's account and, when tied to a campaign, that campaign too.

    The visible profiles and campaigns are read first as id lists: with a million posts, PostgreSQL
    plans "newest posts of these 40 profiles" well from a list and badly from nested OR-subqueries
    (bench/social_benchmark.py). Whoever sees everything gets the table as it is."""
    from social.models import Post

    posts = Post.objects.all()
    if user.reads_everything and user.sees_confidential:
        return posts
    profiles = list(social_profiles_visible_to(user).values_list("pk", flat=True))
    campaigns = list(campaigns_visible_to(user).values_list("pk", flat=True))
    return posts.filter(Q(campaign__isnull=True) | Q(campaign__in=campaigns), profile__in=profiles)


def get_visible_post(user, pk):
    return _get_or_404(posts_visible_to(user).select_related("profile__account", "campaign"), pk)


def mentions_visible_to(user):
    """Comments and mentions follow the account they were heard for."""
    from social.models import Mention

    return _on_visible_accounts(Mention, user)


def get_visible_mention(user, pk):
    return _get_or_404(mentions_visible_to(user).select_related("account", "post", "feedback"), pk)


def experiments_visible_to(user):
    from social.models import Experiment

    return _on_visible_accounts(Experiment, user)


def get_visible_experiment(user, pk):
    return _get_or_404(experiments_visible_to(user).select_related("account"), pk)


def can_work_on_social(user, account):
    """Profiles, post imports, listening rules, A/B tests, UGC rights and sentiment corrections of
    an account: whoever may edit the account (its managers and admins)."""
    return not user.is_read_only and can_edit_account(user, account)


def ensure_can_work_on_social(user, account):
    if not can_work_on_social(user, account):
        raise PermissionDenied


def social_accounts_for(user):
    """Accounts whose social channel the user may work on (choices in forms)."""
    if user.is_read_only:
        return Account.objects.none()
    return accounts_editable_by(user).filter(archived_at__isnull=True)


def ensure_can_work_on_any_social(user):
    """Pages that start social work (an import, an A/B test): for those with an account to work on."""
    if not social_accounts_for(user).exists():
        raise PermissionDenied


def get_own_post_import(user, pk):
    """A post import the user uploaded (any, for an admin) on a profile they may still work on."""
    from social.models import PostImport

    imports = PostImport.objects.select_related("profile__account").filter(
        profile__account__in=social_accounts_for(user).values("pk"))
    if not user.is_admin:
        imports = imports.filter(uploaded_by=user)
    return _get_or_404(imports, pk)
