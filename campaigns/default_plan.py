"""The plan most campaigns follow, installed by a data migration and by the demo.

Its names are stored in English and shown in the reader's language while they are still the
shipped wording (`shipped_label`); a step someone renamed is shown as written.
"""

from django.utils.translation import gettext_lazy as _

DEFAULT_TEMPLATE_NAME = "Standard social campaign"
DEFAULT_TEMPLATE_DESCRIPTION = "Backwards from launch: proposal, three reviews, production."

# sequence, kind, name, duration, buffer, owner role, review stage, key milestone
DEFAULT_STEPS = (
    (1, "creative_proposal", "Creative proposal", 5, 1, "project_lead", "", False),
    (2, "internal_review", "Internal review", 2, 0, "project_lead", "internal", False),
    (3, "client_review", "Client review", 3, 1, "account_manager", "client", True),
    (4, "compliance_review", "Compliance review", 2, 1, "project_lead", "compliance", False),
    (5, "final_version", "Final version", 2, 0, "project_lead", "", False),
    (6, "asset_production", "Asset production", 5, 2, "project_lead", "", False),
    (7, "launch", "Launch", 1, 0, "project_lead", "", True),
)


def install_default_template(template_model, step_model):
    """Create the default template unless it exists; works with historical models too."""
    template, created = template_model.objects.get_or_create(
        name=DEFAULT_TEMPLATE_NAME,
        defaults={"is_default": not template_model.objects.filter(is_default=True).exists(),
                  "description": DEFAULT_TEMPLATE_DESCRIPTION},
    )
    if created:
        step_model.objects.bulk_create(
            step_model(template=template, sequence=sequence, kind=kind, name=name,
                       duration_days=duration, buffer_days=buffer, owner_role=owner,
                       review_stage=stage, is_key=key)
            for sequence, kind, name, duration, buffer, owner, stage, key in DEFAULT_STEPS
        )
    return template


SHIPPED_LABELS = {
    DEFAULT_TEMPLATE_NAME: _("Standard social campaign"),
    DEFAULT_TEMPLATE_DESCRIPTION: _("Backwards from launch: proposal, three reviews, production."),
    "Creative proposal": _("Creative proposal"),
    "Internal review": _("Internal review"),
    "Client review": _("Client review"),
    "Compliance review": _("Compliance review"),
    "Final version": _("Final version"),
    "Asset production": _("Asset production"),
    "Launch": _("Launch"),
}


def shipped_label(text):
    """A shipped name or description in the reader's language; anything else as written."""
    label = SHIPPED_LABELS.get(text)
    return text if label is None else str(label)
