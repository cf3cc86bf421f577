import io

from otklik.imports.models import ImportSource
from otklik.org.models import Unit


def write_csv(path, rows, *, encoding="cp1251", delimiter=";"):
    text = "\r\n".join(delimiter.join(row) for row in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def make_source(kind="interactions", *, name="КЦ", centre=None, mapping=None, **extra):
    region = Unit.objects.get(kind="region")
    return ImportSource.objects.create(
        name=name,
        kind=kind,
        region=region,
        centre=Unit.objects.get(code=centre) if centre else None,
        mapping=mapping or {},
        **extra,
    )


INTERACTION_MAPPING = {
    "external_id": "Номер",
    "centre": "ЦЗН",
    "channel": "Канал",
    "opened_at": "Открыто",
    "first_response_at": "Первый ответ",
    "resolved_at": "Решено",
    "replies": "Ответов",
    "escalated": "Эскалация",
    "resolved_first_contact": "Решено сразу",
}
INTERACTION_HEADER = list(INTERACTION_MAPPING.values())


def buffer(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode())
