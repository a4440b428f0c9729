"""The authorization matrix: one entry per URL name, saying who may GET and POST it.

Every URL pattern of the project must be listed here (or be public, or belong to a namespace whose
own tests cover it); `test_authz_matrix.py` fails for a URL nobody registered. To register one,
add an entry to MATRIX below, e.g.

    "reports:schedule_edit": form(on("schedule"), writers=WRITERS_ACCOUNTS),

`on("<kind>")` addresses an object of the security world (tests/security/conftest.py: add the kind
to `_side()` if it is new); `page`, `form` and `action` say which methods the view accepts.
"""

from dataclasses import dataclass

from tests.security.conftest import ROLES, SEES_CONFIDENTIAL, portal_link, review_decision

# "ok": past every permission check (2xx, 3xx, or 400 for the empty form the matrix posts).
OK, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = "ok", 403, 404, 405
ALL = frozenset(ROLES)
NOBODY = frozenset()
ADMIN = frozenset({"admin"})
ACCOUNT_WRITERS = frozenset({"admin", "account_manager"})
CAMPAIGN_WRITERS = frozenset({"admin", "project_lead"})
NOT_READ_ONLY = frozenset({"admin", "account_manager", "project_lead"})
READ_EVERYTHING = frozenset({"admin", "executive", "analyst"})
RATE_MANAGERS = frozenset({"admin", "executive"})

# Reachable without signing in (the partner form and calendar feed are guarded by their token).
PUBLIC = {
    "login": lambda world: {},
    "set_language": lambda world: {},
    "healthz": lambda world: {},
    "feedback:partner_form": lambda world: {"token": world["own"]["link"].token},
    "feedback:partner_thanks": lambda world: {},
    "campaigns:calendar_feed": lambda world: {"token": world["calendar"].token},
    # The partner portal's signed links (portal.models.AccessLink): invitation, sign-in, review decision.
    "portal:accept_invitation": lambda world: {"token": portal_link("invitation", world["own"]).token},
    "portal:sign_in_link": lambda world: {},
    "portal:sign_in_with_link": lambda world: {"token": portal_link("sign_in", world["own"]).token},
    "portal:review_by_link": lambda world: {"token": portal_link("review", world["own"]).token},
}
# Static files are served by WhiteNoise before URL routing: public by design. With DEBUG=1 Django
# adds its own (unnamed) static pattern.
PUBLIC_UNNAMED = {"<unnamed ^static/(?P<path>.*)$>"}

# Namespaces covered elsewhere: the admin by `test_admin_is_for_staff_only`, the JSON API (token
# authentication, no session) by its own tests in tests/api/.
DELEGATED_PREFIXES = ("admin:", "api:")


@dataclass(frozen=True)
class Entry:
    """How to address a URL and what each role gets from it.

    `kwargs(side, world)` builds the URL kwargs for one side of the world ("own" or "other").
    A URL without an object (a list, a create form) has `scoped=False`: only "own" is requested.
    """

    kwargs: object
    get: object = OK  # what a reader gets from GET (NOT_ALLOWED for POST-only views)
    post: object = OK  # what a writer gets from POST (NOT_ALLOWED for GET-only views)
    readers: frozenset = ALL
    writers: frozenset = NOBODY
    scoped: bool = True
    # The view refuses a role before it looks the object up: 403 even for an object the role
    # could not see (it learns nothing about the object either way).
    role_first: bool = False
    # The POST changes only the signed-in user's own settings, so read-only roles may do it too.
    personal: bool = False
    # The object belongs to one user (e.g. a report schedule): everyone else gets 404, not 403.
    owned: bool = False

    def expected(self, role, whose, method):
        outcome, allowed = (self.get, self.readers) if method == "GET" else (self.post, self.writers)
        if outcome == NOT_ALLOWED:
            return NOT_ALLOWED
        if self.owned and role not in allowed:
            return NOT_FOUND
        if role not in allowed and (self.role_first or whose == "own"):
            return FORBIDDEN
        if whose == "other" and role not in SEES_CONFIDENTIAL:
            return NOT_FOUND
        return outcome if role in allowed else FORBIDDEN


def on(kind, name="pk", **extra):
    """kwargs addressing the `kind` object of a side, plus fixed `extra` kwargs."""
    return lambda side, world: {name: side[kind].pk, **extra}


def fixed(**kwargs):
    return lambda side, world: kwargs


def _entry(kwargs, **options):
    options.setdefault("scoped", kwargs is not None)
    return Entry(kwargs or fixed(), **options)


def page(kwargs=None, **options):
    """A GET-only page."""
    return _entry(kwargs, post=NOT_ALLOWED, **options)


def form(kwargs=None, *, writers, **options):
    """A GET+POST form: only those who may write may open it."""
    options.setdefault("readers", writers)
    return _entry(kwargs, writers=writers, **options)


def action(kwargs=None, *, writers, **options):
    """A POST-only action (buttons)."""
    return _entry(kwargs, get=NOT_ALLOWED, writers=writers, **options)


MATRIX = {
    "home": page(),
    "logout": action(writers=ALL, personal=True),
    "password_change": form(writers=ALL, personal=True),
    "password_change_done": page(),
    # accounts
    "accounts:advertiser_list": page(),
    "accounts:publisher_list": page(),
    "accounts:account_create": form(fixed(side="advertiser"), writers=ACCOUNT_WRITERS, scoped=False),
    "accounts:account_export": page(fixed(side="advertiser"), scoped=False),
    "accounts:contact_export": page(fixed(side="advertiser"), scoped=False),
    "accounts:account_import": form(writers=ACCOUNT_WRITERS),
    "accounts:contact_import": form(writers=ACCOUNT_WRITERS),
    "accounts:account_detail": page(on("account")),
    "accounts:account_edit": form(on("account"), writers=ACCOUNT_WRITERS),
    "accounts:account_archive": action(on("account"), writers=ACCOUNT_WRITERS),
    "accounts:account_restore": action(on("account"), writers=ACCOUNT_WRITERS),
    "accounts:account_share": action(on("account"), writers=ACCOUNT_WRITERS),
    "accounts:account_unshare": action(
        lambda side, world: {"pk": side["account"].pk, "user_pk": world["colleague"].pk},
        writers=ACCOUNT_WRITERS),
    "accounts:contact_create": form(on("account"), writers=ACCOUNT_WRITERS),
    "accounts:contact_edit": form(on("contact"), writers=ACCOUNT_WRITERS),
    "accounts:contact_archive": action(on("contact"), writers=ACCOUNT_WRITERS),
    "accounts:partnership_create": form(on("account"), writers=ACCOUNT_WRITERS),
    "accounts:partnership_archive": action(
        lambda side, world: {"pk": side["account"].pk, "partnership_pk": side["partnership"].pk},
        writers=ACCOUNT_WRITERS),
    "accounts:meeting_create": form(on("account"), writers=ACCOUNT_WRITERS),
    "accounts:meeting_detail": page(on("meeting")),
    "accounts:meeting_edit": form(on("meeting"), writers=ACCOUNT_WRITERS),
    "accounts:meeting_archive": action(on("meeting"), writers=ACCOUNT_WRITERS),
    "accounts:action_item_create": form(on("account"), writers=ACCOUNT_WRITERS),
    "accounts:action_item_row": page(on("account"), readers=ACCOUNT_WRITERS),
    "accounts:action_items_reassign": form(writers=ADMIN),
    "accounts:charter_edit": form(on("account"), writers=ACCOUNT_WRITERS),
    "accounts:team": page(readers=frozenset({"admin", "executive", "account_manager"})),
    # governance: templates and policy publishing are admin work; checklists follow the account
    "governance:template_list": form(writers=ADMIN),
    "governance:template_edit": form(lambda side, world: {"pk": world["template"].pk},
                                     writers=ADMIN, scoped=False),
    "governance:item_rename": action(lambda side, world: {"pk": side["entry"].item_id},
                                     writers=ADMIN, scoped=False),
    "governance:item_archive": action(lambda side, world: {"pk": side["entry"].item_id},
                                      writers=ADMIN, scoped=False),
    "governance:checklist_start": action(on("account"), writers=ACCOUNT_WRITERS),
    "governance:checklist_detail": page(on("checklist")),
    "governance:entry_update": action(on("entry"), writers=ACCOUNT_WRITERS),
    "governance:evidence_download": page(on("entry")),
    # training: internal sessions for all staff; a partner's session follows its account
    "training:session_list": form(readers=ALL, writers=NOT_READ_ONLY),
    "training:session_detail": page(on("training")),
    "training:attendees_add": action(on("training"), writers=ACCOUNT_WRITERS),
    "training:material_add": action(on("training"), writers=ACCOUNT_WRITERS),
    "training:material_download": page(on("material")),
    "training:result_record": action(on("attendance"), writers=ACCOUNT_WRITERS),
    "training:person_record": page(lambda side, world: {"pk": world["analyst"].pk},
                                   readers=frozenset({"admin", "executive", "analyst"}), scoped=False),
    "governance:policy_list": form(readers=ALL, writers=ADMIN),
    "governance:policy_detail": form(lambda side, world: {"pk": world["policy"].pk}, readers=ALL,
                                     writers=ADMIN, scoped=False),
    "governance:policy_acknowledge": action(lambda side, world: {"pk": world["policy"].pk},
                                            writers=ALL, personal=True, scoped=False),
    "accounts:action_item_done": action(on("action_item"), writers=ACCOUNT_WRITERS),
    "accounts:action_item_archive": action(on("action_item"), writers=ACCOUNT_WRITERS),
    "accounts:cadence_create": form(on("account"), writers=ACCOUNT_WRITERS),
    "accounts:cadence_stop": action(on("cadence"), writers=ACCOUNT_WRITERS),
    # campaigns
    "campaigns:campaign_list": page(),
    "campaigns:campaign_create": form(writers=CAMPAIGN_WRITERS),
    "campaigns:campaign_detail": page(on("campaign")),
    "campaigns:campaign_edit": form(on("campaign"), writers=CAMPAIGN_WRITERS),
    "campaigns:campaign_status": action(on("campaign"), writers=CAMPAIGN_WRITERS),
    "campaigns:plan_generate": action(on("campaign"), writers=CAMPAIGN_WRITERS),
    "campaigns:launch_move": form(on("campaign"), writers=CAMPAIGN_WRITERS),
    # the account manager edits the client-facing steps of their campaigns
    "campaigns:plan_edit": form(on("campaign"), writers=CAMPAIGN_WRITERS | {"account_manager"}),
    "campaigns:risk_add": action(on("campaign"), writers=CAMPAIGN_WRITERS),
    "campaigns:risk_archive": action(on("risk"), writers=CAMPAIGN_WRITERS),
    "campaigns:end_review": form(on("campaign"), writers=CAMPAIGN_WRITERS),
    "campaigns:template_list": page(readers=CAMPAIGN_WRITERS),
    "campaigns:template_save": action(on("campaign"), writers=CAMPAIGN_WRITERS),
    "campaigns:template_archive": action(on("template"), writers=CAMPAIGN_WRITERS, owned=True),
    "campaigns:milestone_move": form(on("milestone"), writers=CAMPAIGN_WRITERS),
    "campaigns:milestone_status": action(on("milestone"), writers=CAMPAIGN_WRITERS),
    "campaigns:milestone_review": form(on("review"), readers=ALL, writers=CAMPAIGN_WRITERS),
    # the team: the lead and admins manage it; comments and drafts: anyone who may write
    "campaigns:team_add": action(on("campaign"), writers=CAMPAIGN_WRITERS),
    "campaigns:team_remove": action(on("member"), writers=CAMPAIGN_WRITERS),
    "campaigns:milestone_detail": page(on("milestone")),
    "campaigns:comment_add": action(on("milestone"), writers=NOT_READ_ONLY),
    "campaigns:comment_file": page(on("comment")),
    "campaigns:comment_archive": action(on("comment"), writers=CAMPAIGN_WRITERS),
    "campaigns:template_create": form(writers=CAMPAIGN_WRITERS),
    "campaigns:template_edit": form(on("template"), writers=CAMPAIGN_WRITERS, owned=True),
    "campaigns:compliance_terms": form(writers=ADMIN, role_first=True),
    "campaigns:compliance_term_edit": form(lambda side, world: {"pk": world["term"].pk}, writers=ADMIN,
                                           scoped=False, role_first=True),
    "campaigns:board": page(readers=NOT_READ_ONLY),
    "campaigns:calendar": form(writers=ALL, personal=True),
    # working calendar
    "workdays:calendar": form(writers=ADMIN, scoped=False, role_first=True),
    "workdays:override_remove": action(on("override"), writers=ADMIN, role_first=True),
    # feedback
    "feedback:inbox": page(),
    "feedback:inbox_export": page(),
    "feedback:feedback_create": form(writers=NOT_READ_ONLY),
    "feedback:dashboard": page(),
    "feedback:import": form(writers=NOT_READ_ONLY),
    "feedback:feedback_detail": page(on("feedback")),
    "feedback:quick_action": action(on("feedback"), writers=NOT_READ_ONLY),
    "feedback:feedback_reply": action(on("feedback"), writers=NOT_READ_ONLY),
    "feedback:feedback_status": action(on("feedback"), writers=NOT_READ_ONLY),
    "feedback:feedback_triage": action(on("feedback"), writers=NOT_READ_ONLY),
    "feedback:feedback_sentiment": action(on("feedback"), writers=NOT_READ_ONLY),
    "feedback:feedback_redact": form(on("feedback"), writers=ADMIN),
    "feedback:link_create": form(on("account", "account_pk"), writers=ACCOUNT_WRITERS),
    "feedback:link_detail": page(on("link"), readers=ACCOUNT_WRITERS),
    # crisis
    "crisis:dashboard": page(),
    "crisis:signal_detail": page(on("signal")),
    "crisis:incident_list": page(),
    "crisis:incident_create": form(writers=NOT_READ_ONLY),
    "crisis:incident_detail": page(on("incident")),
    "crisis:incident_edit": form(on("incident"), writers=NOT_READ_ONLY),
    "crisis:incident_transition": action(on("incident"), writers=NOT_READ_ONLY),
    "crisis:action_add": action(on("incident"), writers=NOT_READ_ONLY),
    "crisis:responsibility_add": action(on("incident"), writers=NOT_READ_ONLY),
    "crisis:statement_add": action(on("incident"), writers=NOT_READ_ONLY),
    "crisis:postmortem_edit": form(on("incident"), writers=NOT_READ_ONLY),
    "crisis:preventive_add": action(on("incident"), writers=NOT_READ_ONLY),
    "crisis:incident_archive": action(on("incident"), writers=NOT_READ_ONLY),
    "crisis:action_edit": form(on("incident_action"), writers=NOT_READ_ONLY),
    "crisis:action_done": action(on("incident_action"), writers=NOT_READ_ONLY),
    # reports
    "reports:dashboard": page(readers=ALL - {"project_lead"}),
    "reports:dashboard_export": page(fixed(table="by_advertiser", fmt="csv"), scoped=False,
                                     readers=ALL - {"project_lead"}),
    "reports:dashboard_table": page(fixed(table="by_publisher"), scoped=False,
                                    readers=ALL - {"project_lead"}),
    "reports:save_view": action(writers=ALL - {"project_lead"}, scoped=False, personal=True),
    "reports:delete_view": action(on("saved_view"), writers=frozenset({"account_manager"}), owned=True),
    # Exchange rates are the one thing executives write besides their own settings (issue 13):
    # `personal` here lets a read-only role write, which is what this entry means.
    "reports:exchange_rates": form(writers=RATE_MANAGERS, scoped=False, personal=True),
    "reports:reporting_currency": action(writers=RATE_MANAGERS, scoped=False, personal=True),
    "reports:import_rates": action(writers=RATE_MANAGERS, scoped=False, personal=True),
    "reports:portfolio": page(readers=ACCOUNT_WRITERS),
    "reports:report_list": page(),
    "reports:account_report": page(on("account")),
    "reports:account_report_export": page(on("account", fmt="csv")),
    "reports:executive_report": page(readers=READ_EVERYTHING, role_first=True),
    "reports:executive_report_export": page(fixed(fmt="csv"), scoped=False, readers=READ_EVERYTHING),
    # Anyone may schedule a report to themselves; a schedule is its recipient's (and admins').
    "reports:schedule_create": form(writers=ALL, personal=True),
    "reports:schedule_edit": form(on("schedule"), writers=ACCOUNT_WRITERS, owned=True),
    "reports:schedule_deactivate": action(on("schedule"), writers=ACCOUNT_WRITERS, owned=True),
    # imports
    "imports:import_list": page(readers=ALL - {"account_manager"}),
    "imports:upload": form(writers=CAMPAIGN_WRITERS),
    "imports:job_detail": page(on("import_job"), readers=CAMPAIGN_WRITERS, role_first=True),
    "imports:mapping": form(on("import_job"), writers=CAMPAIGN_WRITERS, role_first=True),
    "imports:names": form(on("import_job"), writers=CAMPAIGN_WRITERS, role_first=True),
    "imports:commit": action(on("import_job"), writers=CAMPAIGN_WRITERS, role_first=True),
    "imports:rejected_rows": page(on("import_job"), readers=CAMPAIGN_WRITERS, role_first=True),
    # Kept for the uploader only (tests/imports/test_one_reader.py proves the owner's download).
    "imports:rejected_download": page(fixed(token="not-yours"), readers=NOBODY, owned=True, scoped=False),
    # social channel: reads follow the account; work on it is for whoever may edit the account
    "social:overview": page(),
    "social:insights": page(),
    "social:mention_list": page(),
    "social:experiment_list": page(),
    "social:profile_detail": page(on("profile")),
    "social:post_detail": page(on("post")),
    "social:mention_detail": page(on("mention")),
    "social:experiment_detail": page(on("experiment")),
    "social:profile_create": form(on("account", "account_pk"), writers=ACCOUNT_WRITERS),
    "social:keyword_rules": form(on("account", "account_pk"), writers=ACCOUNT_WRITERS),
    "social:post_import": form(writers=ACCOUNT_WRITERS),
    "social:mention_import": form(writers=ACCOUNT_WRITERS),
    "social:experiment_create": form(writers=ACCOUNT_WRITERS),
    "social:post_import_detail": form(on("post_import"), writers=ACCOUNT_WRITERS, owned=True),
    "social:followers_record": action(on("profile"), writers=ACCOUNT_WRITERS),
    "social:post_ugc": action(on("post"), writers=ACCOUNT_WRITERS),
    "social:mention_sentiment": action(on("mention"), writers=ACCOUNT_WRITERS),
    "social:mention_ugc": action(on("mention"), writers=ACCOUNT_WRITERS),
    "social:experiment_decide": action(on("experiment"), writers=ACCOUNT_WRITERS),
    # notifications
    "notifications:list": page(),
    "notifications:mark_all_read": action(writers=ALL, personal=True),
    # The partner portal is for partner users: every staff role is refused before any lookup.
    # tests/security/test_partner_matrix.py drives it as partners of this and another organisation.
    **{name: page(kwargs, readers=NOBODY, role_first=True) for name, kwargs in (
        ("portal:home", None), ("portal:report_list", None), ("portal:feedback_list", None),
        ("portal:statement_list", None), ("portal:action_list", None),
        ("portal:campaign_detail", on("campaign")), ("portal:feedback_detail", on("feedback")),
    )},
    "portal:report_detail": page(fixed(year=2026, month=10), readers=NOBODY, role_first=True, scoped=False),
    "portal:report_download": page(fixed(year=2026, month=10), readers=NOBODY, role_first=True, scoped=False),
    "portal:review_decide": form(on("review"), writers=NOBODY, role_first=True),
    "portal:action_done": action(on("partner_item"), writers=NOBODY, role_first=True),
    # Staff side of the portal: invitations and access follow the contact's account.
    "partners:invite": action(on("contact"), writers=ACCOUNT_WRITERS),
    "partners:deactivate": action(on("contact"), writers=ACCOUNT_WRITERS),
    "partners:reactivate": action(on("contact"), writers=ACCOUNT_WRITERS),
    "partners:review_link": action(on("review"), writers=NOT_READ_ONLY),
    "partners:review_attachment": page(lambda side, world: {"pk": review_decision(side).pk}),
}
