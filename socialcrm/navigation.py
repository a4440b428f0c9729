"""The main navigation: which sections each role may use.

An entry whose URL is not (yet) routed is left out, so apps can grow independently.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

ALL = ("admin", "executive", "project_lead", "account_manager", "analyst")


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    roles: tuple = ALL


NAVIGATION = (
    NavEntry(_("Home"), "home"),
    NavEntry(_("Advertisers"), "accounts:advertiser_list",
             ("admin", "executive", "account_manager", "project_lead", "analyst")),
    NavEntry(_("Publishers"), "accounts:publisher_list",
             ("admin", "executive", "account_manager", "project_lead", "analyst")),
    NavEntry(_("Campaigns"), "campaigns:campaign_list"),
    NavEntry(_("Plan board"), "campaigns:board", ("admin", "project_lead")),
    NavEntry(_("Imports"), "imports:import_list", ("admin", "project_lead", "analyst")),
    NavEntry(_("ROI dashboard"), "reports:dashboard", ("admin", "executive", "analyst")),
    NavEntry(_("Portfolio"), "reports:portfolio", ("account_manager",)),
    NavEntry(_("Team"), "accounts:team", ("admin", "executive", "account_manager")),
    NavEntry(_("Social"), "social:overview"),
    NavEntry(_("Feedback"), "feedback:inbox",
             ("admin", "executive", "account_manager", "project_lead")),
    NavEntry(_("Trust & crisis"), "crisis:dashboard",
             ("admin", "executive", "account_manager", "project_lead")),
    NavEntry(_("Reports"), "reports:report_list",
             ("admin", "executive", "account_manager", "analyst")),
    NavEntry(_("Training"), "training:session_list"),
    NavEntry(_("Policies"), "governance:policy_list"),
    NavEntry(_("Working calendar"), "workdays:calendar", ("admin",)),
    NavEntry(_("Compliance terms"), "campaigns:compliance_terms", ("admin",)),
)


def entries_for(user):
    role = getattr(user, "role", None)
    if role is None:
        return []
    items = []
    for entry in NAVIGATION:
        if role not in entry.roles:
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        items.append({"label": entry.label, "url": url, "name": entry.url_name})
    return items
