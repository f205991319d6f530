"""Provides identity and roles: who may do what.

Roles: a **chair** opens and freezes rounds, imports whole rounds, sets paragraphs to agreed and
manages the team; a **drafter** edits paragraphs, sponsors and links and imports sources; an
**observer** reads only.  A database with no registered user is a personal one: everything is
allowed until the first user is added (``negotiator init`` registers whoever creates the
database as its chair).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from negotiator.services.errors import AlreadyExists, NegotiatorError, NotFound, PermissionDenied
from negotiator.storage.db import Database
from negotiator.storage.records import UserEventRecord, UserRecord


class Role(str, enum.Enum):
    CHAIR = "chair"
    DRAFTER = "drafter"
    OBSERVER = "observer"


#: action -> (roles allowed, what the refusal says the action is)
PERMISSIONS: dict[str, tuple[frozenset[Role], str]] = {
    "edit": (frozenset({Role.CHAIR, Role.DRAFTER}), "edit paragraphs"),
    "agree": (frozenset({Role.CHAIR}), "set a paragraph to agreed"),
    "rounds": (frozenset({Role.CHAIR}), "open, freeze or import rounds"),
    "declare": (frozenset({Role.CHAIR}), "create declarations"),
    "link": (frozenset({Role.CHAIR, Role.DRAFTER}), "link paragraphs to sources"),
    "import_sources": (frozenset({Role.CHAIR, Role.DRAFTER}), "import source documents"),
    "users": (frozenset({Role.CHAIR}), "manage users"),
    "propose": (frozenset({Role.CHAIR, Role.DRAFTER}), "table or withdraw proposals"),
    "decide": (
        frozenset({Role.CHAIR}),
        "accept or reject proposals or write a compromise of them",
    ),
    "delegations": (frozenset({Role.CHAIR, Role.DRAFTER}), "manage the list of delegations"),
}


def authorize(session: Session, user: str, action: str) -> None:
    """Refuse ``action`` for ``user`` unless their role allows it.

    Raises:
        PermissionDenied: with the role needed and, for unknown users, the command that adds them.
    """
    allowed, what = PERMISSIONS[action]
    if not session.scalar(select(func.count()).select_from(UserRecord)):
        return  # a personal database: no team, no roles
    record = session.scalar(select(UserRecord).where(UserRecord.name == user))
    if record is None:
        raise PermissionDenied(
            f"{user!r} is not a member of this negotiating team; a chair adds them with: "
            f"negotiator user add {user!r} --role drafter"
        )
    if Role(record.role) not in allowed:
        roles = " or ".join(sorted(r.value + "s" for r in allowed))
        raise PermissionDenied(
            f"{user} is {'an' if record.role == 'observer' else 'a'} {record.role}: only {roles} may {what}"
        )


@dataclass(frozen=True)
class UserView:
    name: str
    role: Role
    created_at: datetime
    created_by: str


class UsersService:
    def __init__(self, db: Database, *, user: str | None = None) -> None:
        from negotiator.services.drafting import default_user

        self.db = db
        self.user = user or default_user()

    def add(self, name: str, role: Role | str) -> UserView:
        from negotiator.services.drafting import now

        name = name.strip()
        if not name:
            raise NegotiatorError("a user needs a name")
        try:
            role = Role(role)
        except ValueError:
            raise NegotiatorError(
                f"unknown role {role!r} (choose from: chair, drafter, observer)"
            ) from None
        with self.db.write() as session:
            first = not session.scalar(select(func.count()).select_from(UserRecord))
            if first and (role is not Role.CHAIR or name != self.user):
                raise NegotiatorError(
                    "the first member of a team is whoever registers it, as its chair (register "
                    f"yourself first: negotiator user add {self.user!r} --role chair)"
                )
            authorize(session, self.user, "users")
            if session.scalar(select(UserRecord).where(UserRecord.name == name)):
                raise AlreadyExists(f"user {name!r} already exists")
            record = UserRecord(name=name, role=role.value, created_at=now(), created_by=self.user)
            session.add(record)
            session.add(
                UserEventRecord(
                    user_name=name,
                    action="added",
                    role=role.value,
                    by=self.user,
                    at=record.created_at,
                )
            )
            return UserView(record.name, role, record.created_at, record.created_by)

    def set_role(self, name: str, role: Role | str) -> UserView:
        with self.db.write() as session:
            authorize(session, self.user, "users")
            record = session.scalar(select(UserRecord).where(UserRecord.name == name))
            if record is None:
                raise NotFound(f"no user {name!r}")
            try:
                new_role = Role(role)
            except ValueError:
                raise NegotiatorError(
                    f"unknown role {role!r} (choose from: chair, drafter, observer)"
                ) from None
            chairs = session.scalar(
                select(func.count())
                .select_from(UserRecord)
                .where(UserRecord.role == Role.CHAIR.value)
            )
            if record.role == Role.CHAIR.value and new_role is not Role.CHAIR and chairs == 1:
                raise NegotiatorError(
                    f"{name} is the team's only chair; make someone else chair first"
                )
            if record.role != new_role.value:
                from negotiator.services.drafting import now

                session.add(
                    UserEventRecord(
                        user_name=name, action="role", role=new_role.value, by=self.user, at=now()
                    )
                )
            record.role = new_role.value
            return UserView(record.name, Role(record.role), record.created_at, record.created_by)

    def users(self) -> list[UserView]:
        with self.db.read() as session:
            return [
                UserView(u.name, Role(u.role), u.created_at, u.created_by)
                for u in session.scalars(select(UserRecord).order_by(UserRecord.name))
            ]

    def ensure_first_chair(self) -> bool:
        """Register the current user as chair when the team is empty; True if done."""
        with self.db.write() as session:
            if session.scalar(select(func.count()).select_from(UserRecord)):
                return False
        self.add(self.user, Role.CHAIR)
        return True

    def role_of(self, name: str | None = None) -> Role | None:
        """The role of a user (default: the current one); None in a personal database or if unknown."""
        with self.db.read() as session:
            record = session.scalar(
                select(UserRecord).where(UserRecord.name == (name or self.user))
            )
            return Role(record.role) if record else None
