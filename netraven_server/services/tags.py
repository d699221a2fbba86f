"""Tags group devices; credentials and jobs select devices by tag."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.models import Tag, credential_tags, device_tags, job_tags
from . import audit
from .context import Actor
from .errors import Conflict, Invalid, NotFound
from .pagination import Page, apply_sort, paginate
from .validation import Problems, clean_tag_names

SORTS = {"name": Tag.name, "created_at": Tag.created_at, "id": Tag.id}


def list_tags(session: Session, *, name: str | None = None, sort: str | None = None,
              page: int = 1, size: int = 50) -> Page:
    stmt = select(Tag)
    if name:
        stmt = stmt.where(Tag.name.contains(name.lower(), autoescape=True))
    return paginate(session, apply_sort(stmt, sort, SORTS, "name", Tag.id, unique=("id", "name")), page, size)


def get_tag(session: Session, tag_id: int) -> Tag:
    tag = session.get(Tag, tag_id)
    if tag is None:
        raise NotFound(f"tag {tag_id} not found")
    return tag


def usage(session: Session, tag_id: int) -> dict[str, int]:
    """How many devices, credentials and jobs carry the tag."""
    def count(table) -> int:
        return session.scalar(select(func.count()).select_from(table).where(table.c.tag_id == tag_id)) or 0

    return {"devices": count(device_tags), "credentials": count(credential_tags), "jobs": count(job_tags)}


def _name(session: Session, raw: str, exclude_id: int | None = None) -> str:
    problems = Problems()
    names = clean_tag_names([raw], problems, "name")
    problems.raise_if_any()
    if not names:
        raise Invalid({"name": "must not be empty"})
    name = names[0]
    clash = session.scalar(select(Tag).where(Tag.name == name))
    if clash is not None and clash.id != exclude_id:
        raise Conflict(f"a tag named {name!r} already exists", {"name": ["already exists"]})
    return name


def create_tag(session: Session, data: dict, actor: Actor | None = None) -> Tag:
    tag = Tag(name=_name(session, data.get("name", "")), description=data.get("description"))
    session.add(tag)
    session.flush()
    audit.record(session, actor, "create", "tag", tag.id, tag.name, {"description": tag.description})
    return tag


def update_tag(session: Session, tag_id: int, data: dict, actor: Actor | None = None) -> Tag:
    tag = get_tag(session, tag_id)
    changes = {}
    if "name" in data and data["name"] is not None:
        name = _name(session, data["name"], exclude_id=tag.id)
        if name != tag.name:
            changes["name"] = {"from": tag.name, "to": name}
            tag.name = name
    if "description" in data and data["description"] != tag.description:
        changes["description"] = data["description"]
        tag.description = data["description"]
    session.flush()
    if changes:
        audit.record(session, actor, "update", "tag", tag.id, tag.name, changes)
    return tag


def delete_tag(session: Session, tag_id: int, actor: Actor | None = None) -> None:
    tag = get_tag(session, tag_id)
    in_use = session.scalar(select(func.count()).select_from(job_tags).where(job_tags.c.tag_id == tag.id))
    if in_use:
        raise Conflict(f"tag {tag.name!r} is the target of {in_use} job(s); change those jobs first")
    audit.record(session, actor, "delete", "tag", tag.id, tag.name)
    session.delete(tag)
    session.flush()


def resolve_tags(session: Session, names: Iterable[str], *, create: bool, actor: Actor | None = None,
                 field: str = "tags") -> list[Tag]:
    """Tags for ``names`` (normalised); missing ones are created, or reported when ``create`` is off."""
    problems = Problems()
    clean = clean_tag_names(names, problems, field)
    problems.raise_if_any()
    if not clean:
        return []
    found = {t.name: t for t in session.scalars(select(Tag).where(Tag.name.in_(clean)))}
    missing = [n for n in clean if n not in found]
    if missing and not create:
        raise Invalid({field: f"unknown tag(s): {', '.join(missing)}"})
    for name in missing:
        tag = Tag(name=name)
        session.add(tag)
        session.flush()
        audit.record(session, actor, "create", "tag", tag.id, tag.name, {"implicit": True})
        found[name] = tag
    return [found[n] for n in clean]

