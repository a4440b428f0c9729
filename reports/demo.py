from reports.models import Rollup
from reports.rollups import rebuild_all


def seed(ctx):
    """The demo facts are bulk-created by campaigns.demo; build their rollups in one pass."""
    rebuild_all()
    ctx.log.append(f"{Rollup.objects.count()} rollup rows")
