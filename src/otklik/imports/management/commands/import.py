"""``otklik import SOURCE FILE``: check or import a CSV/XLSX file (I2, I3)."""

import json
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from otklik.feedback import ingest
from otklik.feedback.ingest import Kind
from otklik.imports import services
from otklik.imports.models import Delimiter, Encoding, ImportSource, RunStatus
from otklik.org.models import Unit
from otklik.org.roles import UnitKind

SHOWN_ERRORS = 50
BAR_WIDTH = 30


class Bar:
    """A text progress bar on stderr, redrawn in place with \\r."""

    def __init__(self, stream, enabled: bool = True):
        self.stream = stream
        self.enabled = enabled
        self.started = time.monotonic()
        self.drawn = False

    def __call__(self, phase: str, done: int, total: int | None) -> None:
        if not self.enabled:
            return
        label = _("checking") if phase == "check" else _("importing")
        rate = done / max(time.monotonic() - self.started, 1e-6)
        if total:
            filled = int(BAR_WIDTH * done / total)
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            line = f"\r{label:<10} [{bar}] {done}/{total} ({rate:,.0f}/s)"
        else:
            line = f"\r{label:<10} {done} ({rate:,.0f}/s)"
        self.stream.write(line)
        self.stream.flush()
        self.drawn = True

    def end(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = False


class Command(BaseCommand):
    @property
    def help(self) -> str:  # argparse needs a real string, in the active language
        return _(
            "Check (--dry-run) or import a CSV or XLSX file of feedback items, interactions, "
            "mentions or paper questionnaires for an import source. Nothing is imported if any "
            "row is bad; rows already imported are skipped. Exit code 1 when there are bad rows."
        )

    def add_arguments(self, parser):
        parser.add_argument("source", help=gettext_lazy("Name of the import source."))
        parser.add_argument("file", help=gettext_lazy("The CSV or XLSX file."))
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=gettext_lazy("Only check the file and show what would be created."),
        )
        parser.add_argument(
            "--kind",
            choices=Kind.values,
            help=gettext_lazy("What the file contains; needed to create a new source."),
        )
        parser.add_argument(
            "--region", help=gettext_lazy("Code of the region; needed to create a new source.")
        )
        parser.add_argument(
            "--centre",
            help=gettext_lazy("Code of the employment centre the rows belong to by default."),
        )
        parser.add_argument(
            "--mapping",
            help=gettext_lazy(
                'Column mapping as JSON {"field": "column header"}; saved on the source. '
                "Without it the saved mapping is used, or columns named like the fields."
            ),
        )
        parser.add_argument(
            "--encoding",
            choices=Encoding.values,
            help=gettext_lazy("Encoding of a CSV file (default: detect)."),
        )
        parser.add_argument(
            "--delimiter",
            choices=[";", ",", "tab", "auto"],
            help=gettext_lazy("Separator of a CSV file (default: detect)."),
        )
        parser.add_argument(
            "--date-format",
            help=gettext_lazy("strptime format of unusual dates, e.g. %%d/%%m/%%Y %%H.%%M."),
        )
        parser.add_argument(
            "--channel",
            help=gettext_lazy("Channel (or platform for mentions) of rows that do not say."),
        )
        parser.add_argument(
            "--survey",
            type=int,
            help=gettext_lazy("Id of the survey of paper questionnaires."),
        )
        parser.add_argument(
            "--no-progress", action="store_true", help=gettext_lazy("Do not draw the progress bar.")
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        source = self._source(options, path)
        bar = Bar(self.stderr._out, enabled=not options["no_progress"])
        operation = services.dry_run if options["dry_run"] else services.commit
        try:
            run = operation(source, path, progress=bar, file_name=path.name)
        finally:
            bar.end()
        self._summary(run, options["dry_run"])
        if run.status == RunStatus.FAILED or run.rows_bad:
            sys.exit(1)

    def _source(self, options, path: Path) -> ImportSource:
        source = ImportSource.objects.filter(name=options["source"]).first()
        if source is None:
            if not (options["kind"] and options["region"]):
                raise CommandError(
                    _(
                        "There is no import source «%(name)s»; "
                        "give --kind and --region to create it."
                    )
                    % {"name": options["source"]}
                )
            source = ImportSource(name=options["source"], kind=options["kind"])
        if options["region"]:
            source.region = self._unit(options["region"], UnitKind.REGION)
        if options["centre"]:
            source.centre = self._unit(options["centre"], UnitKind.CENTRE)
            if source.centre.region_id != source.region_id:
                raise CommandError(_("The centre must be in the chosen region."))
        if options["kind"] and options["kind"] != source.kind:
            raise CommandError(
                _("The source «%(name)s» imports another kind of data.") % {"name": source.name}
            )
        if options["encoding"]:
            source.encoding = options["encoding"]
        if options["delimiter"]:
            source.delimiter = {"tab": Delimiter.TAB}.get(
                options["delimiter"], options["delimiter"]
            )
        if options["date_format"] is not None:
            source.date_format = options["date_format"]
        if options["channel"] is not None:
            source.default_channel = options["channel"]
        if options["survey"]:
            from otklik.feedback.models import Survey

            source.survey = Survey.objects.filter(
                pk=options["survey"], region=source.region
            ).first()
            if source.survey is None:
                raise CommandError(_("There is no such survey in the region."))
        if options["mapping"]:
            try:
                mapping = json.loads(options["mapping"])
            except json.JSONDecodeError as error:
                raise CommandError(
                    _("--mapping is not valid JSON: %(error)s") % {"error": error}
                ) from error
            if not isinstance(mapping, dict):
                raise CommandError(_("--mapping must be a JSON object."))
            known = {field.name for field in services.fields_of(source)}
            unknown = sorted(set(mapping) - known)
            if unknown:
                raise CommandError(
                    _("Unknown fields in --mapping: %(fields)s. Known: %(known)s.")
                    % {"fields": ", ".join(unknown), "known": ", ".join(sorted(known))}
                )
            source.mapping = {str(k): str(v) for k, v in mapping.items()}
        elif not source.mapping:
            try:
                headers = services.headers_of(source, path)
            except services.SourceProblem:
                headers = []
            source.mapping = services.guess_mapping(services.fields_of(source), headers)
        source.save()
        return source

    def _unit(self, code: str, kind: str) -> Unit:
        unit = Unit.objects.filter(code=code, kind=kind).first()
        if unit is None:
            raise CommandError(_("There is no unit with the code «%(code)s».") % {"code": code})
        return unit

    def _summary(self, run, dry: bool) -> None:
        out = self.stdout
        out.write(
            _("Rows: %(total)s, correct: %(ok)s, with errors: %(bad)s.")
            % {"total": run.rows_total, "ok": run.rows_ok, "bad": run.rows_bad}
        )
        problem = services.render_problem(run)
        for error in run.errors[:SHOWN_ERRORS]:
            self.stderr.write(ingest.render_error(error))
        if len(run.errors) > SHOWN_ERRORS or run.rows_bad > len({e["row"] for e in run.errors}):
            self.stderr.write(
                _("… and more: %(count)s rows with errors in all.") % {"count": run.rows_bad}
            )
        if problem:
            self.stderr.write(problem)
        if run.status == RunStatus.DRY_RUN:
            out.write(
                _("Would create %(count)s new records; nothing was written (dry run).")
                % {"count": run.would_create}
            )
        elif run.status == RunStatus.COMMITTED:
            out.write(
                _("Imported: %(created)s new records; %(skipped)s were already there.")
                % {"created": run.created_count, "skipped": run.rows_ok - run.created_count}
            )
