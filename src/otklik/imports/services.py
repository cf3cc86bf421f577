"""Checking (dry run) and importing (commit) a file for an import source (I2).

Both stream the file row by row and work in batches of :data:`BATCH` rows, so memory
does not grow with the file. A commit is all-or-nothing: a validating pass first (as
the dry run), and only when every row is correct a second pass writes everything in one
transaction; if a row turns out bad during the write (the data changed meanwhile), the
transaction is rolled back and nothing stays. Records already stored (same idempotency
key) are skipped, so importing the same file again creates nothing.

Progress is reported every :data:`PROGRESS_EVERY` rows to a callback (the CLI's bar) and
to the run: ``rows_done`` on the run while no transaction is open, and the cache while
the writing transaction is (its updates would not be seen by the progress page).
"""

import hashlib
import secrets
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from otklik.feedback import ingest
from otklik.feedback.ingest import Kind
from otklik.imports import parsing
from otklik.imports.models import MAX_STORED_ERRORS, ImportRun, ImportSource, RunStatus

BATCH = 2000
PROGRESS_EVERY = 2000
SAMPLE_ROWS = 20
UPLOAD_DAYS = 1

Progress = Callable[[str, int, int | None], None]  # phase, rows done, rows total (or None)

P_NO_COLUMN = gettext_noop("The file has no column for «%(field)s» (mapped to «%(column)s»).")
P_NOT_MAPPED = gettext_noop("No column is chosen for the required field «%(field)s».")
P_ENCODING = gettext_noop(
    "The file cannot be read as text in the chosen encoding; save it as UTF-8 or Windows-1251."
)
P_EMPTY = gettext_noop("The file is empty or has no header row.")
P_XLSX = gettext_noop("The file is not a readable XLSX workbook.")
P_NO_SURVEY = gettext_noop("Choose the survey of the paper questionnaires for this source.")
P_NO_VERSION = gettext_noop("The survey has no published version yet.")
P_CHANGED = gettext_noop("Rows turned bad while importing; nothing was imported.")
P_BAD_ROWS = gettext_noop("The file has rows with errors; nothing was imported. Fix them first.")
P_GONE = gettext_noop("The uploaded file is no longer kept; upload it again.")
P_UNEXPECTED = gettext_noop(
    "The import stopped because of an unexpected error; nothing was imported."
)
FILE_PROBLEMS = {"encoding": P_ENCODING, "empty": P_EMPTY, "xlsx": P_XLSX}


class SourceProblem(Exception):
    """The source or file cannot be imported at all; ``args[0]`` is a msgid, args[1] params."""


# Files


def upload_dir() -> Path:
    path = Path(settings.DATA_DIR) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def store_upload(uploaded) -> tuple[str, str]:
    """Keep an uploaded file under DATA_DIR/imports with a random name: (name, sha256)."""
    suffix = ".xlsx" if str(uploaded.name).lower().endswith(".xlsx") else ".csv"
    name = secrets.token_hex(16) + suffix
    digest = hashlib.sha256()
    with open(upload_dir() / name, "wb") as handle:
        for chunk in uploaded.chunks():
            digest.update(chunk)
            handle.write(chunk)
    return name, digest.hexdigest()


def stored_path(run: ImportRun) -> Path:
    return upload_dir() / Path(run.stored_name).name


def delete_upload(run: ImportRun) -> None:
    if run.stored_name:
        stored_path(run).unlink(missing_ok=True)
        ImportRun.objects.filter(pk=run.pk).update(stored_name="")
        run.stored_name = ""


def purge_uploads(days: float = UPLOAD_DAYS) -> int:
    """Delete uploads older than ``days`` (imported or abandoned); returns how many."""
    limit = time.time() - days * 86400
    removed = []
    for path in upload_dir().iterdir():
        if path.is_file() and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            removed.append(path.name)
    ImportRun.objects.filter(stored_name__in=removed).update(stored_name="")
    return len(removed)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# Mapping


def survey_version_of(source: ImportSource):
    if source.kind != Kind.PAPER_RESPONSES:
        return None
    if source.survey_id is None:
        raise SourceProblem(P_NO_SURVEY, {})
    version = source.survey.current_version
    if version is None:
        raise SourceProblem(P_NO_VERSION, {})
    return version


def fields_of(source: ImportSource) -> list[ingest.Field]:
    try:
        version = survey_version_of(source)
    except SourceProblem:
        version = None
    return ingest.fields_for(source.kind, version)


def guess_mapping(fields: list[ingest.Field], headers: list[str]) -> dict[str, str]:
    """Headers that obviously name a field: its code, or its Russian or English label."""
    from django.utils import translation

    by_name = {ingest._norm(header): header for header in headers}
    mapping = {}
    for field in fields:
        spellings = {field.name, field.name.removeprefix("q:")}
        for language in ("ru", "en"):
            with translation.override(language):
                spellings.add(str(field.label))
        for spelling in spellings:
            header = by_name.get(ingest._norm(spelling))
            if header:
                mapping[field.name] = header
                break
    return mapping


def headers_of(source: ImportSource, path: Path) -> list[str]:
    try:
        return parsing.read_headers(path, source.encoding, source.delimiter)
    except parsing.FileProblem as problem:
        raise SourceProblem(FILE_PROBLEMS[problem.args[0]], {}) from problem


def check_mapping(source: ImportSource, headers: list[str]) -> None:
    present = set(headers)
    for field in fields_of(source):
        column = source.mapping.get(field.name, "")
        if column and column not in present:
            raise SourceProblem(P_NO_COLUMN, {"field": str(field.label), "column": column})
        if field.required and not column:
            raise SourceProblem(P_NOT_MAPPED, {"field": str(field.label)})


def make_ingest(source: ImportSource) -> ingest.Ingest:
    return ingest.Ingest(
        kind=source.kind,
        region=source.region,
        centre=source.centre,
        source_name=source.name,
        default_choice=source.default_channel,
        date_hint=source.date_format,
        survey_version=survey_version_of(source),
    )


def mapped_rows(source: ImportSource, path: Path) -> Iterator[tuple[int, dict]]:
    mapping = {field: column for field, column in source.mapping.items() if column}
    try:
        for number, row in parsing.read_rows(path, source.encoding, source.delimiter):
            yield number, {field: row.get(column) for field, column in mapping.items()}
    except parsing.FileProblem as problem:
        raise SourceProblem(FILE_PROBLEMS[problem.args[0]], {}) from problem


def render_problem(run: ImportRun) -> str:
    if not run.problem:
        return ""
    msgid, _sep, params = run.problem.partition("\x1f")
    values = dict(item.split("=", 1) for item in params.split("\x1e") if "=" in item)
    return _(msgid) % values if values else _(msgid)


def _set_problem(run: ImportRun, problem: SourceProblem) -> None:
    msgid, params = problem.args
    run.problem = (
        msgid + "\x1f" + "\x1e".join(f"{k}={v}" for k, v in params.items()) if params else msgid
    )[:300]


# Progress


def _progress_key(run_id: int) -> str:
    return f"otklik:import-progress:{run_id}"


def progress_of(run: ImportRun) -> tuple[int, int | None]:
    """(rows done, rows total or None) of a running import, for the progress page."""
    cached = cache.get(_progress_key(run.pk))
    if cached:
        return cached[1], cached[2]
    return run.rows_done, run.rows_total or None


class _Reporter:
    def __init__(self, run: ImportRun, callback: Progress | None):
        self.run = run
        self.callback = callback

    def __call__(self, phase: str, done: int, total: int | None) -> None:
        if self.callback:
            self.callback(phase, done, total)
        if self.run.pk:
            cache.set(_progress_key(self.run.pk), (phase, done, total), 3600)
            if not connection.in_atomic_block:
                ImportRun.objects.filter(pk=self.run.pk).update(rows_done=done)


# Dry run and commit


def _display(record: dict, raw: dict, fields: list[ingest.Field]) -> list[str]:
    values = []
    for field in fields:
        name = field.name
        if name in ("centre", "touchpoint") or name.startswith("q:"):
            values.append(parsing.text(raw.get(name)))
            continue
        value = record.get(name)
        if value is None:
            values.append("")
        elif isinstance(value, bool):
            values.append(_("yes") if value else _("no"))
        elif hasattr(value, "isoformat"):
            values.append(formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT"))
        else:
            values.append(str(value))
    return values


def _new_run(source, path, user, file_name) -> ImportRun:
    return ImportRun.objects.create(
        source=source,
        file_name=file_name or Path(path).name,
        sha256=sha256_of(path),
        status=RunStatus.PENDING,
        created_by=user,
    )


def _check(source: ImportSource, path: Path, run: ImportRun, report: _Reporter) -> None:
    """The validating pass: counts, errors (the first 1000), new records and a sample."""
    run.status = RunStatus.CHECKING
    run.save(update_fields=["status"])
    fields = [f for f in fields_of(source) if source.mapping.get(f.name)]
    checker = make_ingest(source)
    total = ok = bad = new = 0
    errors: list[dict] = []
    sample: list[list[str]] = []
    batch: list[tuple[dict, dict]] = []

    def flush() -> None:
        nonlocal new
        fresh = ingest.new_records(source.kind, [record for record, _raw in batch])
        new += len(fresh)
        if len(sample) < SAMPLE_ROWS:
            keys = {record["idempotency_key"] for record in fresh}
            for record, raw in batch:
                if record["idempotency_key"] in keys and len(sample) < SAMPLE_ROWS:
                    sample.append(_display(record, raw, fields))
        batch.clear()

    for number, raw in mapped_rows(source, path):
        total += 1
        record, row_errors = checker.validate(number, raw, source.mapping)
        if row_errors:
            bad += 1
            room = MAX_STORED_ERRORS - len(errors)
            errors.extend(row_errors[: max(room, 0)])
        else:
            ok += 1
            batch.append((record, raw))
            if len(batch) >= BATCH:
                flush()
        if total % PROGRESS_EVERY == 0:
            report("check", total, None)
    flush()
    report("check", total, None)
    run.rows_total, run.rows_ok, run.rows_bad = total, ok, bad
    run.would_create, run.errors = new, errors
    run.sample = {"columns": [str(f.label) for f in fields], "rows": sample}


def _fail(run: ImportRun, problem: SourceProblem) -> ImportRun:
    _set_problem(run, problem)
    run.status = RunStatus.FAILED
    run.finished_at = timezone.now()
    run.save()
    return run


def dry_run(
    source: ImportSource,
    path: Path,
    *,
    user=None,
    file_name: str = "",
    progress: Progress | None = None,
    run: ImportRun | None = None,
) -> ImportRun:
    """Check the file without writing any fact: counts, every bad row's errors, a sample."""
    path = Path(path)
    run = run or _new_run(source, path, user, file_name)
    try:
        check_mapping(source, headers_of(source, path))
        _check(source, path, run, _Reporter(run, progress))
    except SourceProblem as problem:
        return _fail(run, problem)
    run.status = RunStatus.DRY_RUN
    run.finished_at = timezone.now()
    run.save()
    return run


class _Rollback(Exception):
    pass


def commit(
    source: ImportSource,
    path: Path,
    *,
    user=None,
    file_name: str = "",
    progress: Progress | None = None,
    run: ImportRun | None = None,
    checked: bool = False,
) -> ImportRun:
    """Import the file all-or-nothing. ``checked``: the run's dry run found no bad rows
    (the write pass validates again anyway and rolls back on any error)."""
    path = Path(path)
    run = run or _new_run(source, path, user, file_name)
    report = _Reporter(run, progress)
    try:
        check_mapping(source, headers_of(source, path))
        already = run.status in (RunStatus.DRY_RUN, RunStatus.IMPORTING) and not run.rows_bad
        if not (checked and already):
            _check(source, path, run, report)
            if run.rows_bad:
                raise SourceProblem(P_BAD_ROWS, {})
    except SourceProblem as problem:
        return _fail(run, problem)
    run.status = RunStatus.IMPORTING
    run.rows_done = 0
    run.save()
    writer = make_ingest(source)
    total = run.rows_total or None
    created = done = 0
    errors: list[dict] = []
    try:
        with transaction.atomic():
            batch: list[dict] = []
            for number, raw in mapped_rows(source, path):
                done += 1
                record, row_errors = writer.validate(number, raw, source.mapping)
                if row_errors:
                    errors.extend(row_errors[: max(MAX_STORED_ERRORS - len(errors), 0)])
                elif not errors:
                    batch.append(record)
                    if len(batch) >= BATCH:
                        created += ingest.store(source.kind, batch)
                        batch.clear()
                if done % PROGRESS_EVERY == 0:
                    report("import", done, total)
            if errors:
                raise _Rollback
            created += ingest.store(source.kind, batch)
            report("import", done, total)
    except _Rollback:
        run.errors = errors
        run.rows_bad = len({error["row"] for error in errors})
        return _fail(run, SourceProblem(P_CHANGED, {}))
    except SourceProblem as problem:
        return _fail(run, problem)
    cache.delete(_progress_key(run.pk))
    run.status = RunStatus.COMMITTED
    run.rows_done = done
    run.created_count = created
    run.finished_at = timezone.now()
    run.save()
    return run
