"""Provides the command line: ``negotiator COMMAND``; with no command it opens the TUI.

Data goes to stdout (Rich tables, or JSON with ``--json``), errors to stderr with a non-zero
exit.  Heavy modules (SQLAlchemy, Alembic, Textual, python-docx) are imported inside the
commands that use them, so ``negotiator --help`` stays fast.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from rich.console import Console

    from negotiator.domain.draftfile import DraftDocument
    from negotiator.services.drafting import DraftingService
    from negotiator.services.links import LinksService
    from negotiator.storage.db import Database

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class Context:
    db_url: str
    user: str | None
    declaration: str | None
    _db: Database | None = field(default=None, repr=False)

    def database(self, *, ensure: bool = True, upgrade: bool = False) -> Database:
        """The database; its schema is created, or upgraded when it is a SQLite file (or when
        ``upgrade``), else an out-of-date schema is refused with the command that fixes it."""
        if self._db is None:
            from negotiator.storage.db import Database

            self._db = Database(self.db_url)
            if ensure:
                backup = self._db.ensure_schema(auto_upgrade=upgrade or self._db.is_sqlite)
                if backup:
                    err_console().print(
                        f"[yellow]Upgraded the database schema; backup at {backup}[/]"
                    )
        return self._db

    def links(self) -> LinksService:
        from negotiator.services.links import LinksService

        return LinksService(self.database(), user=self.user)

    def drafting(self) -> DraftingService:
        from negotiator.services.drafting import DraftingService

        return DraftingService(self.database(), user=self.user)


def out_console() -> Console:
    from rich.console import Console

    return Console(soft_wrap=False)


def err_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, soft_wrap=True)


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def handle_errors(func: F) -> F:
    """Turn the services' errors into a message on stderr and exit status 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from sqlalchemy.exc import SQLAlchemyError

        from negotiator.domain.errors import FileFormatError
        from negotiator.services.errors import NegotiatorError
        from negotiator.storage.db import SchemaOutOfDate

        try:
            return func(*args, **kwargs)
        except (NegotiatorError, FileFormatError, SchemaOutOfDate, OSError) as exc:
            # plain text, never wrapped: scripts and people grep these lines
            click.echo(f"{click.style('error:', fg='red', bold=True)} {exc}", err=True)
            sys.exit(1)
        except SQLAlchemyError as exc:
            # the database could not be reached or read: say so in one line, no traceback
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            click.echo(
                f"{click.style('error:', fg='red', bold=True)} database {ctx_url()}: {reason}",
                err=True,
            )
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


pass_ctx = click.make_pass_decorator(Context)


def ctx_url() -> str:
    """The database URL of the running command, without its password."""
    ctx = click.get_current_context(silent=True)
    obj = ctx.find_object(Context) if ctx else None
    if obj is None:
        return "?"
    from sqlalchemy.engine import make_url

    return make_url(obj.db_url).render_as_string(hide_password=True)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db_url",
    envvar="NEGOTIATOR_DB",
    help="Database URL or SQLite file (default: a file in your data directory; env NEGOTIATOR_DB).",
)
@click.option(
    "--as", "user", envvar="NEGOTIATOR_USER", help="Act as this user (default: your login name)."
)
@click.option(
    "--declaration",
    "-d",
    envvar="NEGOTIATOR_DECLARATION",
    help="Declaration slug (needed only when the database holds several).",
)
@click.version_option(package_name="negotiator")
@click.pass_context
def main(ctx: click.Context, db_url: str | None, user: str | None, declaration: str | None) -> None:
    """negotiator: a declaration as versioned paragraphs, round by round.

    Run with no command to open the app.
    """
    from negotiator.locations import default_db_url

    if db_url and "://" not in db_url:
        db_url = f"sqlite:///{Path(db_url).expanduser().resolve()}"
    ctx.obj = Context(db_url or default_db_url(), user, declaration)
    if ctx.invoked_subcommand is None:
        if not sys.stdout.isatty():
            click.echo(ctx.get_help())  # no terminal: nothing to draw the app on
            return
        from negotiator.tui.app import make_app

        make_app(db_url=ctx.obj.db_url, user=user, declaration=declaration).run()


# ---------------------------------------------------------------------------- init / db
@main.command()
@click.option(
    "--sample",
    is_flag=True,
    help="Load the sample declaration (Kyoto pillar I) and the corpus sources.",
)
@click.option(
    "--draft",
    "draft_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Start a declaration from this draft file.",
)
@click.option("--slug", help="Short name of the declaration (default: from the file name).")
@click.option(
    "--round",
    "round_name",
    default="First reading",
    show_default=True,
    help="Name of the first round.",
)
@click.option(
    "--open",
    "keep_open",
    is_flag=True,
    help="Leave the first round open for editing (default: frozen).",
)
@pass_ctx
@handle_errors
def init(
    ctx: Context,
    sample: bool,
    draft_path: Path | None,
    slug: str | None,
    round_name: str,
    keep_open: bool,
) -> None:
    """Create the database (and load the sample or a draft)."""
    from negotiator.services.users import UsersService

    if sample and draft_path:
        raise click.UsageError("give --sample or --draft, not both")
    if draft_path is not None and not draft_path.is_file():
        raise click.UsageError(f"no such draft file: {draft_path}")
    db = ctx.database(upgrade=True)  # init is the explicit set-up: it may upgrade any database
    console = err_console()
    console.print(f"Database ready: {db.url}", highlight=False)
    users = UsersService(db, user=ctx.user)
    if users.ensure_first_chair():
        console.print(
            f"Registered {users.user!r} as the chair of this database (negotiator user add NAME --role R adds others).",
            highlight=False,
        )
    if sample:
        _load_sample(ctx, console, round_name=round_name, keep_open=keep_open)
        return
    if draft_path is None:
        return
    document = _read_draft_file(draft_path, console)
    info = ctx.drafting().create_declaration(
        document, slug=slug or draft_path.stem, round_name=round_name, freeze=not keep_open
    )
    state = "open" if keep_open else "frozen"
    console.print(
        f"Loaded {info.paragraphs} paragraphs of {info.title!r} as round {round_name!r} ({state})."
    )


def _read_draft_file(path: Path, console: Console) -> DraftDocument:
    """A draft file of any kind (told from its content); what the reader noticed goes to stderr."""
    from negotiator.domain.readers import read_draft

    read = read_draft(path.read_bytes(), str(path))
    for note in read.notes:
        console.print(f"{path.name}: {note}.", highlight=False)
    return read.document


def _load_sample(ctx: Context, console: Console, *, round_name: str, keep_open: bool) -> None:
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from negotiator.services.sample import load_sample

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("loading the sample", total=None)

        def progress(done: int, total: int, description: str) -> None:
            bar.update(task, completed=done, total=total, description=description)

        report = load_sample(
            ctx.database(),
            user=ctx.user,
            round_name=round_name,
            keep_open=keep_open,
            progress=progress,
        )
    if report.loaded_draft:
        state = "open" if keep_open else "frozen"
        console.print(
            f"Loaded {report.paragraphs} paragraphs of {report.title!r} as round {round_name!r} ({state})."
        )
    else:
        console.print("The sample declaration 'kyoto' is already loaded.")
    if report.corpus:
        console.print(
            f"Sources: {report.sources} items from {report.corpus}; sample links: {report.links} made.",
            highlight=False,
        )
    for problem in report.problems:
        console.print(f"[yellow]{problem}[/]", highlight=False)


@main.group()
def db() -> None:
    """Database schema: upgrade, current revision."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True)
@pass_ctx
@handle_errors
def db_upgrade(ctx: Context, revision: str) -> None:
    """Upgrade the schema (SQLite: a backup copy is taken first)."""
    database = ctx.database(ensure=False)
    before = database.current_revision()
    backup = database.upgrade(revision)
    after = database.current_revision()
    if backup:
        err_console().print(f"Backup of the database: {backup}", highlight=False)
    click.echo(f"{before or '(empty)'} -> {after}" if before != after else f"already at {after}")


@db.command("current")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
@handle_errors
def db_current(ctx: Context, as_json: bool) -> None:
    """Show the schema revision of the database and of this program."""
    database = ctx.database(ensure=False)
    current, head = database.current_revision(), database.head_revision()
    if as_json:
        emit_json(
            {
                "url": database.engine.url.render_as_string(hide_password=True),
                "current": current,
                "head": head,
                "up_to_date": current == head,
            }
        )
        return
    state = "up to date" if current == head else "out of date: run negotiator db upgrade"
    click.echo(f"{current or '(empty)'} (head {head}) - {state}")


# ---------------------------------------------------------------------------- sources
def _import_with_progress(
    ctx: Context, paths: list[Path], *, kind: str | None, lenient: bool
) -> list[Any]:
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from negotiator.services.sources import SourcesService

    service = SourcesService(ctx.database(), user=ctx.user)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=err_console(),
        transient=True,
    ) as bar:
        task = bar.add_task("importing", total=len(paths) * 2)

        def progress(done: int, total: int, description: str) -> None:
            bar.update(task, completed=done, total=total, description=description)

        return service.import_files(paths, kind=kind, lenient=lenient, progress=progress)


@main.command("import")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--kind",
    type=click.Choice(["guide", "recommendations", "background", "summaries"]),
    help="Kind of document (detected when not given).",
)
@click.option(
    "--lenient",
    is_flag=True,
    help="Import what can be placed and list the skipped lines (default: refuse the file).",
)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
@handle_errors
def import_sources(
    ctx: Context, files: tuple[Path, ...], kind: str | None, lenient: bool, as_json: bool
) -> None:
    """Import source documents: discussion guides, recommendation mappings, evidence."""
    reports = _import_with_progress(ctx, list(files), kind=kind, lenient=lenient)
    if as_json:
        emit_json(
            [
                {
                    "path": r.path,
                    "kind": r.kind,
                    "title": r.title,
                    "items": r.items,
                    "added": list(r.added),
                    "updated": list(r.updated),
                    "withdrawn": list(r.withdrawn),
                    "unchanged_file": r.unchanged_file,
                    "skipped": [
                        {"line": s.line, "text": s.text, "reason": s.reason} for s in r.skipped
                    ],
                }
                for r in reports
            ]
        )
        return
    for r in reports:
        if r.unchanged_file:
            click.echo(f"{r.path}: {r.kind}, {r.items} items, unchanged since the last import.")
            continue
        click.echo(
            f"{r.path}: {r.kind}, {r.items} items: {len(r.added)} added, {len(r.updated)} updated, "
            f"{r.unchanged} unchanged, {len(r.withdrawn)} withdrawn."
        )
        for label, refs in (("updated", r.updated), ("withdrawn", r.withdrawn)):
            if refs and (r.updated or r.withdrawn) and len(refs) < r.items:
                click.echo(f"  {label}: {', '.join(refs)}")
        if r.skipped:
            click.echo(f"  {len(r.skipped)} lines skipped (--lenient):")
            for line in r.skipped:
                click.echo(f"    {r.path}:{line.line}: {line.reason}: {line.text[:80]}")


@main.command("sources")
@click.option("--kind", type=click.Choice(["question", "recommendation", "evidence"]))
@click.option("--search", "-s", help="Only sources whose text or ref contains these words.")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
@handle_errors
def sources_cmd(ctx: Context, kind: str | None, search: str | None, as_json: bool) -> None:
    """List the imported sources."""
    from rich.table import Table
    from rich.text import Text

    from negotiator.services.sources import SourcesService

    items = SourcesService(ctx.database(), user=ctx.user).sources(kind=kind, search=search)
    if as_json:
        emit_json(
            [
                {
                    "kind": s.kind,
                    "ref": s.ref,
                    "text": s.text,
                    "document_kind": s.document_kind,
                    "document_title": s.document_title,
                    "line": s.line,
                    **{k: v for k, v in s.fields.items() if k not in ("kind", "ref", "text")},
                    "placements": list(s.placements),
                }
                for s in items
            ]
        )
        return
    table = Table("ref", "kind", "text", expand=True)
    for s in items:
        table.add_row(Text(s.ref, style="bold"), Text(s.kind), Text(s.text))
    out_console().print(table)
    err_console().print(f"{len(items)} sources")


# ---------------------------------------------------------------------------- declarations
@main.group()
def declaration() -> None:
    """Declarations in the database."""


@declaration.command("list")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
@handle_errors
def declaration_list(ctx: Context, as_json: bool) -> None:
    """List the declarations."""
    from rich.table import Table
    from rich.text import Text

    decls = ctx.drafting().declarations()
    if as_json:
        emit_json(
            [
                {"slug": d.slug, "title": d.title, "rounds": d.rounds, "paragraphs": d.paragraphs}
                for d in decls
            ]
        )
        return
    table = Table("slug", "title", "rounds", "paragraphs")
    for d in decls:
        table.add_row(Text(d.slug), Text(d.title), str(d.rounds), str(d.paragraphs))
    out_console().print(table)


# ---------------------------------------------------------------------------- rounds
@main.group("round")
def round_group() -> None:
    """Negotiation rounds: list, open, freeze, import."""


def _round_json(r: Any) -> dict[str, Any]:
    return {
        "name": r.name,
        "seq": r.seq,
        "status": r.status.value,
        "paragraphs": r.paragraphs,
        "words": r.words,
        "changed": r.changed,
        "opened_at": r.opened_at.isoformat(),
        "opened_by": r.opened_by,
        "frozen_at": r.frozen_at.isoformat() if r.frozen_at else None,
        "frozen_by": r.frozen_by,
    }


@round_group.command("list")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
@handle_errors
def round_list(ctx: Context, as_json: bool) -> None:
    """List the rounds with their paragraph and word counts."""
    from rich.table import Table
    from rich.text import Text

    rounds = ctx.drafting().rounds(ctx.declaration)
    if as_json:
        emit_json([_round_json(r) for r in rounds])
        return
    table = Table("#", "round", "status", "paragraphs", "words", "changed", "opened", "frozen")
    for r in rounds:
        status = Text("open", style="green") if r.is_open else Text("frozen")
        table.add_row(
            str(r.seq),
            Text(r.name),
            status,
            str(r.paragraphs),
            str(r.words),
            str(r.changed),
            Text(f"{r.opened_at:%Y-%m-%d %H:%M} {r.opened_by}"),
            Text(f"{r.frozen_at:%Y-%m-%d %H:%M} {r.frozen_by}" if r.frozen_at else ""),
        )
    out_console().print(table)


@round_group.command("open")
@click.argument("name")
@pass_ctx
@handle_errors
def round_open(ctx: Context, name: str) -> None:
    """Open the next round (the previous one must be frozen)."""
    info = ctx.drafting().open_round(name, slug=ctx.declaration)
    click.echo(f"Round {info.name!r} is open.")


@round_group.command("freeze")
@click.argument("name", required=False)
@pass_ctx
@handle_errors
def round_freeze(ctx: Context, name: str | None) -> None:
    """Freeze the open round: it can never change again."""
    info = ctx.drafting().freeze_round(name, slug=ctx.declaration)
    click.echo(f"Round {info.name!r} is frozen.")


@round_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--name", required=True, help='Name of the new round, e.g. "Rev.1".')
@click.option("--freeze", is_flag=True, help="Freeze the new round at once.")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
@handle_errors
def round_import(ctx: Context, file: Path, name: str, freeze: bool, as_json: bool) -> None:
    """Import a whole draft (Word .docx, PDF, Markdown or text) as the next round."""
    document = _read_draft_file(file, err_console())
    report = ctx.drafting().import_round(document, name=name, slug=ctx.declaration, freeze=freeze)
    figures = {
        "unchanged": report.continued,
        "reworded": report.reworded,
        "moved_or_relabelled": report.moved_or_relabelled,
        "new": report.new,
        "deleted": report.deleted,
    }
    if as_json:
        emit_json({"round": _round_json(report.round), **figures})
        return
    state = "frozen" if freeze else "open"
    summary = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in figures.items())
    click.echo(f"Round {name!r} imported ({state}): {summary}.")


# ---------------------------------------------------------------------------- paragraphs
@main.group()
def paragraph() -> None:
    """Paragraphs: list, show, set, insert, delete."""


def paragraph_json(p: Any) -> dict[str, Any]:
    return {
        "id": p.id,
        "uid": p.uid,
        "label": p.label,
        "kind": p.kind.value,
        "section": p.section,
        "position": p.position,
        "status": p.status.value,
        "sponsor": p.sponsor,
        "text": p.text,
        "version": p.version_no,
        "round": p.round_name,
        "author": p.author,
        "updated_at": p.updated_at.isoformat(),
    }


STATUS_STYLE = {
    "pending": "yellow",
    "agreed ad ref": "cyan",
    "agreed": "green",
    "deleted": "red strike",
}


@paragraph.command("list")
@click.option(
    "--round",
    "round_name",
    help="Round name (default: the latest; 'current' is the open round's live text).",
)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
@handle_errors
def paragraph_list(ctx: Context, round_name: str | None, as_json: bool) -> None:
    """List the paragraphs of a round, in order."""
    from rich.table import Table
    from rich.text import Text

    paras = ctx.drafting().paragraphs(slug=ctx.declaration, round_name=round_name)
    if as_json:
        emit_json([paragraph_json(p) for p in paras])
        return
    table = Table("label", "status", "sponsor", "text", show_lines=False, expand=True)
    section = None
    for p in paras:
        if p.section != section:
            section = p.section
            table.add_row("", "", "", Text(section, style="bold"))
        style = STATUS_STYLE.get(p.status.value, "")
        text = p.text if len(p.text) <= 160 else p.text[:157] + "..."
        table.add_row(
            Text(p.label),
            Text(p.status.value, style=style),
            Text(p.sponsor or ""),
            Text(text),
            style="strike" if p.deleted else "",
        )
    out_console().print(table)


def _read_text(text: str | None, text_file: Path | None) -> str | None:
    if text is not None and text_file is not None:
        raise click.UsageError("give --text or --text-file, not both")
    if text_file is not None:
        from negotiator.domain.draftfile import decode_draft

        data = sys.stdin.buffer.read() if str(text_file) == "-" else text_file.read_bytes()
        return decode_draft(data, str(text_file))
    return text


@paragraph.command("set")
@click.argument("label")
@click.option(
    "--text-file",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="File with the new text ('-' for stdin).",
)
@click.option("--text", help="The new text.")
@click.option("--status", help="pending, agreed ad ref, agreed or deleted.")
@click.option("--sponsor", help="Delegation or group proposing it ('' clears it).")
@click.option(
    "--base-version", type=int, help="The version you edited; refused if someone saved since."
)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
@handle_errors
def paragraph_set(
    ctx: Context,
    label: str,
    text_file: Path | None,
    text: str | None,
    status: str | None,
    sponsor: str | None,
    base_version: int | None,
    as_json: bool,
) -> None:
    """Save a new version of a paragraph in the open round."""
    from negotiator.domain.model import Status

    new_text = _read_text(text, text_file)
    if new_text is None and status is None and sponsor is None:
        raise click.UsageError("nothing to change: give --text/--text-file, --status or --sponsor")
    try:
        new_status = Status.parse(status) if status else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--status") from None
    service = ctx.drafting()
    current = service.paragraph(label, slug=ctx.declaration)
    kwargs: dict[str, Any] = {"text": new_text, "status": new_status}
    if sponsor is not None:
        kwargs["sponsor"] = sponsor or None
    saved = service.save_paragraph(
        current.id, base_version=base_version or current.version_no, **kwargs
    )
    if as_json:
        emit_json(paragraph_json(saved))
    elif saved.version_no == current.version_no:
        click.echo(f"{saved.label}: nothing changed.")
    else:
        click.echo(
            f"{saved.label}: saved version {saved.version_no} in round {saved.round_name!r}."
        )


@paragraph.command("insert")
@click.option("--after", "after", required=True, help="Label of the paragraph to insert after.")
@click.option("--text-file", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--text")
@click.option("--sponsor")
@pass_ctx
@handle_errors
def paragraph_insert(
    ctx: Context, after: str, text_file: Path | None, text: str | None, sponsor: str | None
) -> None:
    """Insert a new paragraph (labelled bis, ter, ...) after another."""
    new_text = _read_text(text, text_file)
    if not new_text:
        raise click.UsageError("give the new paragraph's --text or --text-file")
    service = ctx.drafting()
    ref = service.paragraph(after, slug=ctx.declaration)
    view = service.insert_paragraph_after(ref.id, new_text, sponsor=sponsor)
    click.echo(f"Inserted {view.label} after {ref.label}.")


@paragraph.command("delete")
@click.argument("label")
@pass_ctx
@handle_errors
def paragraph_delete(ctx: Context, label: str) -> None:
    """Mark a paragraph deleted (it stays, struck through, until the clean text)."""
    from negotiator.domain.model import Status

    service = ctx.drafting()
    current = service.paragraph(label, slug=ctx.declaration)
    service.save_paragraph(current.id, base_version=current.version_no, status=Status.DELETED)
    click.echo(f"{current.label} marked deleted.")


@paragraph.command("history")
@click.argument("label")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
@handle_errors
def paragraph_history(ctx: Context, label: str, as_json: bool) -> None:
    """Every version of a paragraph, by round."""
    from rich.table import Table
    from rich.text import Text

    service = ctx.drafting()
    current = service.paragraph(label, slug=ctx.declaration)
    versions = service.history(current.id)
    if as_json:
        emit_json(
            [
                {
                    "version": v.version_no,
                    "round": v.round_name,
                    "label": v.label,
                    "section": v.section,
                    "text": v.text,
                    "status": v.status.value,
                    "sponsor": v.sponsor,
                    "author": v.author,
                    "created_at": v.created_at.isoformat(),
                }
                for v in versions
            ]
        )
        return
    table = Table("v", "round", "label", "status", "sponsor", "author", "text", expand=True)
    for v in versions:
        table.add_row(
            *(
                Text(x)
                for x in (
                    str(v.version_no),
                    v.round_name,
                    v.label,
                    v.status.value,
                    v.sponsor or "",
                    v.author,
                    v.text,
                )
            )
        )
    out_console().print(table)


@paragraph.command("show")
@click.argument("label")
@click.option("--round", "round_name", help="Round name (default: the latest).")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
@handle_errors
def paragraph_show(ctx: Context, label: str, round_name: str | None, as_json: bool) -> None:
    """A paragraph: text, status, its versions by round, and its linked sources."""
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    links_service = ctx.links()
    para = links_service.drafting.paragraph(label, slug=ctx.declaration, round_name=round_name)
    versions = links_service.drafting.history(para.id)
    links = links_service.links(para.id)
    if as_json:
        emit_json(
            {
                **paragraph_json(para),
                "history": [
                    {
                        "version": v.version_no,
                        "round": v.round_name,
                        "label": v.label,
                        "text": v.text,
                        "status": v.status.value,
                        "sponsor": v.sponsor,
                        "author": v.author,
                        "created_at": v.created_at.isoformat(),
                    }
                    for v in versions
                ],
                "links": [
                    {
                        "ref": lk.source.ref,
                        "kind": lk.source.kind,
                        "text": lk.source.text,
                        "note": lk.note,
                        "created_by": lk.created_by,
                        "created_at": lk.created_at.isoformat(),
                    }
                    for lk in links
                ],
            }
        )
        return
    console = out_console()
    title = Text(f"{para.label} ({para.uid}) - {para.section}")
    meta = Text(
        f"{para.status.value}"
        + (f" - sponsor {para.sponsor}" if para.sponsor else "")
        + f" - version {para.version_no}, {para.round_name}, {para.author}",
        style="dim",
    )
    console.print(
        Panel(Text.assemble(Text(para.text), "\n\n", meta), title=title, title_align="left")
    )
    table = Table("v", "round", "label", "status", "author", "text", title="History", expand=True)
    for v in versions:
        table.add_row(
            *(
                Text(x)
                for x in (
                    str(v.version_no),
                    v.round_name,
                    v.label,
                    v.status.value,
                    v.author,
                    v.text,
                )
            )
        )
    console.print(table)
    links_table = Table("ref", "kind", "text", "note", title=f"Sources ({len(links)})", expand=True)
    for lk in links:
        links_table.add_row(
            Text(lk.source.ref, style="bold"),
            Text(lk.source.kind),
            Text(lk.source.text),
            Text(lk.note or ""),
        )
    console.print(links_table)


@main.command()
@click.argument("round_a", required=False)
@click.argument("round_b", required=False, default="current")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
)
@click.option("--section", help="Only paragraphs of sections whose title contains this.")
@click.option("--only", type=click.Choice(["changed", "all"]), default="changed", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write to a file instead of stdout.",
)
@pass_ctx
@handle_errors
def diff(
    ctx: Context,
    round_a: str | None,
    round_b: str,
    fmt: str,
    section: str | None,
    only: str,
    output: Path | None,
) -> None:
    """Compare two rounds (default: the one before the latest, and the latest's live text)."""
    from negotiator.services.diffs import DiffService, filter_changes

    service = DiffService(ctx.database(), user=ctx.user)
    result = service.diff(round_a, round_b, slug=ctx.declaration)
    shown = filter_changes(result.diff, section=section, only_changed=only == "changed")
    name_a, name_b = result.round_a.name, result.round_b.name
    if fmt == "json":
        from negotiator.domain.diffing import to_json

        data = {"round_a": name_a, "round_b": name_b, **to_json(shown)}
        text = json.dumps(data, ensure_ascii=False, indent=2)
    elif fmt == "html":
        from negotiator.interchange.diff_html import diff_to_html

        title = f"{service.drafting.declaration(ctx.declaration).title}: {name_a} to {name_b}"
        text = diff_to_html(shown, title=title, name_a=name_a, name_b=name_b)
    else:
        from rich.console import Console
        from rich.text import Text

        from negotiator.rendering import diff_table, summary_table

        console = (
            Console(file=output.open("w", encoding="utf-8"), width=120) if output else out_console()
        )
        console.print(Text(f"{name_a} → {name_b}", style="bold"))
        console.print(diff_table(shown))
        console.print(summary_table(result.diff, name_a, name_b))
        return
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text)


@main.command()
@click.argument("label")
@click.argument("refs", nargs=-1, required=True)
@click.option("--note", help="Why the paragraph reflects these sources.")
@pass_ctx
@handle_errors
def link(ctx: Context, label: str, refs: tuple[str, ...], note: str | None) -> None:
    """Link a paragraph to sources, e.g. link "OP 22" "AP 26(f)" "14th guide 66(c)"."""
    for change in ctx.links().link(label, refs, note=note, slug=ctx.declaration):
        click.echo(
            f"{label}: linked {change.ref}"
            if change.changed
            else f"{label}: already linked to {change.ref}"
        )


@main.command()
@click.argument("label")
@click.argument("ref")
@pass_ctx
@handle_errors
def unlink(ctx: Context, label: str, ref: str) -> None:
    """Remove a link between a paragraph and a source."""
    change = ctx.links().unlink(label, ref, slug=ctx.declaration)
    click.echo(
        f"{label}: unlinked {change.ref}"
        if change.changed
        else f"{label}: was not linked to {change.ref}"
    )


@main.command()
@click.option(
    "--round",
    "round_name",
    help="Round (default: the latest): its paragraphs not deleted, with their links.",
)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
@handle_errors
def coverage(ctx: Context, round_name: str | None, as_json: bool) -> None:
    """Which regional recommendations and discussion questions the text reflects, and which none."""
    from rich.table import Table
    from rich.text import Text

    report = ctx.links().coverage(slug=ctx.declaration, round_name=round_name)

    def group_json(g: Any) -> dict[str, Any]:
        return {
            "name": g.name,
            "total": g.total,
            "reflected": g.reflected,
            "unreflected": list(g.unreflected),
        }

    if as_json:
        emit_json(
            {
                "round": report.round_name,
                "recommendations": {
                    "total": report.recommendations_total,
                    "reflected": report.recommendations_reflected,
                    "regions": [group_json(g) for g in report.regions],
                    "themes": [group_json(g) for g in report.themes],
                },
                "questions": {
                    "total": report.questions_total,
                    "reflected": report.questions_reflected,
                    "groups": [group_json(g) for g in report.questions],
                },
            }
        )
        return
    console = out_console()
    console.print(
        Text(
            f"Coverage at round {report.round_name!r}: {report.recommendations_reflected}/{report.recommendations_total} recommendations, {report.questions_reflected}/{report.questions_total} questions reflected",
            style="bold",
        )
    )
    for title, groups in (
        ("Regions", report.regions),
        ("Themes", report.themes),
        ("Discussion questions", report.questions),
    ):
        table = Table(
            title, "reflected", "share", "not reflected by any paragraph", title=None, expand=True
        )
        for g in groups:
            unreflected = ", ".join(g.unreflected)
            table.add_row(
                Text(g.name),
                f"{g.reflected}/{g.total}",
                f"{g.share:.0%}",
                Text(unreflected if len(unreflected) < 400 else unreflected[:397] + "..."),
            )
        console.print(table)


@main.command()
@click.argument("label")
@click.option("--kind", type=click.Choice(["recommendation", "question", "evidence"]))
@click.option("--top", default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
@handle_errors
def suggest(ctx: Context, label: str, kind: str | None, top: int, as_json: bool) -> None:
    """Sources most similar to a paragraph (BM25), not yet linked to it."""
    from rich.table import Table
    from rich.text import Text

    items = ctx.links().suggest(label, kind=kind, top=top, slug=ctx.declaration)
    if as_json:
        emit_json(
            [
                {
                    "ref": s.source.ref,
                    "kind": s.source.kind,
                    "score": round(s.score, 3),
                    "text": s.source.text,
                }
                for s in items
            ]
        )
        return
    table = Table("ref", "kind", "score", "text", expand=True)
    for s in items:
        table.add_row(
            Text(s.source.ref, style="bold"),
            Text(s.source.kind),
            f"{s.score:.2f}",
            Text(s.source.text),
        )
    out_console().print(table)


@main.command()
@click.option(
    "--round",
    "round_name",
    help="Round to export (default: the latest; 'current' is the open round's live text).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["docx", "md", "txt", "html", "akn"]),
    help="Default: from the output file's extension.",
)
@click.option(
    "--compare", help="Compilation text: the changes since this round as tracked changes."
)
@click.option(
    "--final", is_flag=True, help="Refuse while any bracket or non-agreed paragraph remains."
)
@click.option(
    "--keep-labels",
    is_flag=True,
    help="md only: the negotiation labels, in the draft format that round import reads.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    required=True,
    help="Output file ('-' for stdout, text formats).",
)
@pass_ctx
@handle_errors
def export(
    ctx: Context,
    round_name: str | None,
    fmt: str | None,
    compare: str | None,
    final: bool,
    keep_labels: bool,
    output: Path,
) -> None:
    """Export the clean draft, or a compilation text with tracked changes (--compare)."""
    from negotiator.services.export import EXTENSIONS, ExportService

    if fmt is None:
        by_suffix = {ext.lstrip(".").lower(): name for name, ext in EXTENSIONS.items()}
        fmt = by_suffix.get(output.suffix.lstrip(".").lower())
        if fmt is None:
            raise click.UsageError(
                f"cannot tell the format from {output.name!r}; give --format docx|md|txt|html|akn"
            )
    data = ExportService(ctx.database(), user=ctx.user).export(
        fmt=fmt,
        round_name=round_name,
        compare=compare,
        final=final,
        keep_labels=keep_labels,
        slug=ctx.declaration,
    )
    if str(output) == "-":
        if fmt == "docx":
            raise click.UsageError("a .docx cannot go to stdout; give -o FILE.docx")
        sys.stdout.buffer.write(data)
        return
    output.write_bytes(data)
    err_console().print(f"Wrote {output} ({fmt}, {len(data):,} bytes).", highlight=False)


@main.command("log")
@click.argument("label", required=False)
@click.option("--limit", type=int, help="Only the last N entries.")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
@handle_errors
def log_cmd(ctx: Context, label: str | None, limit: int | None, as_json: bool) -> None:
    """The audit trail: who changed what and when (of the declaration, or of one paragraph)."""
    from rich.table import Table
    from rich.text import Text

    from negotiator.services.audit import AuditService

    entries = AuditService(ctx.database()).log(label, slug=ctx.declaration, limit=limit)
    if as_json:
        emit_json(
            [
                {
                    "at": e.at.isoformat(),
                    "user": e.user,
                    "action": e.action,
                    "target": e.target,
                    "detail": e.detail,
                    "round": e.round_name,
                    "paragraph_id": e.paragraph_id,
                }
                for e in entries
            ]
        )
        return
    table = Table("when", "who", "what", "on", "round", "detail", expand=True)
    for e in entries:
        detail = e.detail if len(e.detail) < 200 else e.detail[:197] + "..."
        table.add_row(
            f"{e.at:%Y-%m-%d %H:%M:%S}",
            Text(e.user),
            Text(e.action),
            Text(e.target),
            Text(e.round_name or ""),
            Text(detail),
        )
    out_console().print(table)


@main.group()
def user() -> None:
    """The negotiating team: users and their roles (chair, drafter, observer)."""


@user.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["chair", "drafter", "observer"]), required=True)
@pass_ctx
@handle_errors
def user_add(ctx: Context, name: str, role: str) -> None:
    """Add a member of the team (chairs only, once the team has a chair)."""
    from negotiator.services.users import UsersService

    view = UsersService(ctx.database(), user=ctx.user).add(name, role)
    click.echo(f"Added {view.name} as {view.role.value}.")


@user.command("role")
@click.argument("name")
@click.argument("role", type=click.Choice(["chair", "drafter", "observer"]))
@pass_ctx
@handle_errors
def user_role(ctx: Context, name: str, role: str) -> None:
    """Change a member's role (chairs only)."""
    from negotiator.services.users import UsersService

    view = UsersService(ctx.database(), user=ctx.user).set_role(name, role)
    click.echo(f"{view.name} is now {view.role.value}.")


@user.command("list")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
@handle_errors
def user_list(ctx: Context, as_json: bool) -> None:
    """The team."""
    from negotiator.services.users import UsersService

    users = UsersService(ctx.database(), user=ctx.user).users()
    if as_json:
        emit_json(
            [{"name": u.name, "role": u.role.value, "created_by": u.created_by} for u in users]
        )
        return
    for u in users:
        click.echo(f"{u.name}\t{u.role.value}")


if __name__ == "__main__":  # pragma: no cover
    main()
