"""Reads about imports. Who may see which import job is decided in socialcrm/visibility.py."""

from socialcrm.visibility import (  # noqa: F401  the old names, re-exported
    get_own_job,
    jobs_visible_to,
    publishers_choosable_by,
)
