"""Background imports: big files are checked and imported by the Huey worker while the
run page shows the progress."""

import logging

from huey import crontab

from otklik.outreach.tasks import HUEY

logger = logging.getLogger(__name__)


@HUEY.task()
def run_import(run_id: int, commit: bool = False) -> None:
    from otklik.imports import services
    from otklik.imports.models import ImportRun, RunStatus

    run = ImportRun.objects.select_related("source").filter(pk=run_id).first()
    if run is None:
        return
    path = services.stored_path(run)
    if not run.stored_name or not path.exists():
        run.status = RunStatus.FAILED
        run.problem = services.P_GONE
        run.save(update_fields=["status", "problem"])
        return
    try:
        if commit:
            run = services.commit(run.source, path, run=run, checked=True)
            if run.status == RunStatus.COMMITTED:
                services.delete_upload(run)
        else:
            services.dry_run(run.source, path, run=run)
    except Exception:
        logger.exception("import run %s failed", run_id)
        ImportRun.objects.filter(pk=run_id).update(
            status=RunStatus.FAILED, problem=services.P_UNEXPECTED
        )


@HUEY.periodic_task(crontab(minute="17"))
def purge_import_uploads() -> int:
    """Every hour: delete uploaded files older than a day."""
    from otklik.imports import services

    return services.purge_uploads()
