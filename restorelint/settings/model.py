"""Settings: the effective configuration for the documents under one folder, and the
command-line overrides laid over it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from restorelint.settings.exclude import DEFAULT_EXCLUDE, gitignored, matches


@dataclass(frozen=True)
class Settings:
    """The effective configuration for the documents under one folder.

    A file that ``extend``s another is laid over it: ``extends`` is the file it
    extends, ``own`` the keys it sets itself. Scalars and lists are already
    merged here; globs (``exclude``, ``extend-exclude``, ``per-file-ignores``)
    stay with the file that wrote them, because each is relative to its own
    file's folder.
    """

    path: Path | None = None  # the file it was read from; None: the defaults
    table: str = ""  # where in that file ("tool.restorelint" in pyproject.toml)
    root: Path = field(default_factory=Path.cwd)  # globs are relative to this folder
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()  # this file's own
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()  # this file's own
    respect_gitignore: bool = True
    extend_rules: tuple[Path, ...] = ()
    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    fail_on: str = "info"
    report_unused_suppressions: bool = False
    # the tone model's threshold here (None: the one chosen on dev, in the model)
    tone_threshold: float | None = None
    extends: Settings | None = None
    own: frozenset[str] = frozenset()

    @property
    def source(self) -> str:
        if self.path is None:
            return "defaults (no configuration file found)"
        where = f"{self.path} [{self.table}]" if self.table else str(self.path)
        if self.extends is not None:
            where += f", extending {self.extends.source}"
        return where

    def chain(self) -> Iterator[Settings]:
        """This file, then the file it extends, and so on."""
        settings: Settings | None = self
        while settings is not None:
            yield settings
            settings = settings.extends

    @property
    def files(self) -> tuple[Path, ...]:
        """Every configuration file these settings were read from."""
        return tuple(s.path for s in self.chain() if s.path is not None)

    def key(self, name: str) -> str:
        return f"{self.table}.{name}" if self.table else name

    def _exclude_globs(self) -> Iterator[tuple[Path, tuple[str, ...]]]:
        """(folder, globs) of every file in the chain: ``extend-exclude`` always adds,
        ``exclude`` comes from the nearest file that sets it."""
        replaced = False
        for settings in self.chain():
            globs = settings.extend_exclude
            if not replaced and ("exclude" in settings.own or settings.extends is None):
                globs = settings.exclude + globs
                replaced = True
            yield settings.root, globs

    @property
    def all_extend_exclude(self) -> tuple[str, ...]:
        return tuple(g for s in self.chain() for g in s.extend_exclude)

    @property
    def all_per_file_ignores(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return tuple(entry for s in self.chain() for entry in s.per_file_ignores)

    def is_excluded(self, path: Path, is_dir: bool = False, ancestors: bool = True) -> bool:
        """``ancestors=False``: the folders above were checked already (a walk)."""
        for root, globs in self._exclude_globs():
            if globs and matches(path, root, globs, is_dir, ancestors):
                return True
        return self.respect_gitignore and gitignored(path, is_dir, ancestors)

    def ignored_for(self, path: Path) -> tuple[str, ...]:
        """``ignore`` plus the ``per-file-ignores`` (of every file in the chain, each
        relative to its own folder) whose glob matches ``path``."""
        extra = [
            selector
            for settings in self.chain()
            for glob, selectors in settings.per_file_ignores
            if matches(path, settings.root, [glob])
            for selector in selectors
        ]
        return self.ignore + tuple(extra)


@dataclass(frozen=True)
class Overrides:
    """Settings given on the command line; None leaves the file's value."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    fail_on: str | None = None
    report_unused_suppressions: bool | None = None

    def apply(self, settings: Settings) -> Settings:
        changes = {k: v for k, v in vars(self).items() if v is not None}
        return replace(settings, **changes) if changes else settings
