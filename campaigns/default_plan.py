"""The plan most campaigns follow, installed by a data migration and by the demo."""

DEFAULT_TEMPLATE_NAME = "Standard social campaign"

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
                  "description": "Backwards from launch: proposal, three reviews, production."},
    )
    if created:
        step_model.objects.bulk_create(
            step_model(template=template, sequence=sequence, kind=kind, name=name,
                       duration_days=duration, buffer_days=buffer, owner_role=owner,
                       review_stage=stage, is_key=key)
            for sequence, kind, name, duration, buffer, owner, stage, key in DEFAULT_STEPS
        )
    return template
