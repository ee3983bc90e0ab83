"""Newsdesk's reliance on private framework code lives in one module and breaks loudly.

``newsdesk.core.upstream`` holds every override of a private Django, Wagtail,
modelsearch or treebeard name, each pinned to the upstream source it was written
against. These tests fail when an upgrade changes that source, and when an app
overrides, touches or patches a private upstream name anywhere else; each
detector is shown catching a planted case.
"""

import ast
import enum
import importlib
import inspect
import pkgutil
import re
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.sitemaps import Sitemap
from django.db import connection
from django.utils.functional import cached_property

from newsdesk.core import upstream

PACKAGE_ROOT = Path(__file__).resolve().parents[2]
FRAMEWORKS = ("django", "wagtail", "modelsearch", "treebeard", "modelcluster", "taggit")
# Modules that only import on one database engine (modelsearch defines SQLite's
# full-text model on SQLite alone).
ENGINE_ONLY = {"newsdesk.search.backends.sqlite": "sqlite"}
TARGETS = [(pin, target) for pin in upstream.PINS for target in pin.upstream]


def target_id(value):
    return value if isinstance(value, str) else value.piece


@pytest.mark.parametrize("pin", upstream.PINS, ids=target_id)
def test_each_override_matches_the_upstream_it_was_written_against(pin):
    changes = pin.drift()
    assert not changes, pin.report(changes)


def planted_copy(target, tmp_path):
    """A copy of ``target``'s file with one statement added inside ``target`` only."""
    module, _sep, qualname = target.partition(":")
    original = upstream.source_file(module)
    text = original.read_text(encoding="utf-8")
    if qualname:
        node = ast.parse(text)
        for name in qualname.split("."):
            node = next(n for n in node.body if getattr(n, "name", None) == name)
        lines = text.splitlines(keepends=True)
        first = node.body[0]
        lines.insert(first.lineno - 1, " " * first.col_offset + "planted = True\n")
        text = "".join(lines)
    else:
        text += "\nPLANTED = True\n"
    copy = tmp_path / original.name
    copy.write_text(text, encoding="utf-8")
    return module, copy


def reading_from(monkeypatch, module, path):
    """Make the pins read ``module`` from ``path`` rather than the installed file."""
    installed = upstream.source_file
    monkeypatch.setattr(
        upstream, "source_file", lambda name: path if name == module else installed(name)
    )


@pytest.mark.parametrize(("pin", "target"), TARGETS, ids=target_id)
def test_a_change_to_any_pinned_upstream_code_is_caught(pin, target, tmp_path, monkeypatch):
    module, changed = planted_copy(target, tmp_path)
    reading_from(monkeypatch, module, changed)

    changes = pin.drift()

    assert [change for change in changes if change.startswith(f"{target} changed")]
    assert f"Re-check: {pin.recheck}" in pin.report(changes)


def test_a_change_elsewhere_in_the_same_file_is_not_a_change(tmp_path, monkeypatch):
    pin = next(pin for pin in upstream.PINS if pin.piece == "PageSitemapEntries")
    target = "wagtail.contrib.sitemaps.sitemap_generator:Sitemap._urls"
    module, _sep, _name = target.partition(":")
    changed = tmp_path / "sitemap_generator.py"
    shutil.copy(upstream.source_file(module), changed)
    changed.write_text(changed.read_text() + "\n\ndef added_upstream():\n    pass\n")
    reading_from(monkeypatch, module, changed)

    assert pin.drift() == []


def test_a_removed_upstream_function_or_module_is_caught():
    gone = (
        "wagtail.contrib.sitemaps.sitemap_generator:Sitemap._gone",
        "wagtail.contrib.gone:Sitemap._urls",
        "nothing_of_the_kind.sitemaps:Sitemap._urls",
    )
    pin = upstream.Pin(
        piece="a piece",
        package="wagtail",
        version=upstream.installed_version("wagtail"),
        upstream=dict.fromkeys(gone, "0123456789ab"),
        names=(),
        recheck="what now?",
    )
    assert pin.drift() == [
        f"{target} changed (fingerprint missing, was 0123456789ab)" for target in gone
    ]


def test_a_new_upstream_version_is_caught_even_with_the_same_source(monkeypatch):
    monkeypatch.setattr(upstream, "installed_version", lambda package: "99.0")
    for pin in upstream.PINS:
        changes = pin.drift()
        assert changes == [f"{pin.package} is now 99.0"]
        assert f"written against {pin.package} {pin.version}" in pin.report(changes)


# Nothing outside the module reaches for a private upstream name.


def app_sources():
    """Every Python file of the package but its tests and migrations, by path from the repo."""
    for path in sorted(PACKAGE_ROOT.rglob("*.py")):
        if not {"tests", "migrations"} & set(path.relative_to(PACKAGE_ROOT).parts):
            yield path.relative_to(PACKAGE_ROOT.parent).as_posix(), path.read_text()


def files_naming(name, sources):
    pattern = re.compile(rf"\b{re.escape(name)}\b")
    return {where for where, text in sources if pattern.search(text)}


@pytest.mark.parametrize("pin", upstream.PINS, ids=target_id)
def test_each_pinned_private_name_is_used_only_where_its_pin_says(pin):
    sources = list(app_sources())
    for name in pin.names:
        files = files_naming(name, sources)
        # This module names them all in PINS; a piece elsewhere must still use its names.
        assert files - {upstream.THIS_MODULE} == {pin.where} - {upstream.THIS_MODULE}, name
        assert pin.where in files, name


def test_the_name_check_sees_a_planted_use():
    sources = [*app_sources(), ("newsdesk/news/planted.py", "return items._urls(1, 'https', h)")]
    assert files_naming("_urls", sources) == {upstream.THIS_MODULE, "newsdesk/news/planted.py"}


METHODS = (classmethod, staticmethod, property, cached_property)


def private_overrides(classes):
    """``Class._name`` for every private framework method one of ``classes`` redefines."""
    found = []
    for cls in classes:
        if issubclass(cls, enum.Enum):
            continue  # EnumType writes its own _generate_next_value_ and _new_member_ into each
        for name, value in vars(cls).items():
            if not re.match(r"_[a-z]", name):
                continue
            if not (inspect.isfunction(value) or isinstance(value, METHODS)):
                continue
            for base in cls.__mro__[1:]:
                if base.__module__.split(".")[0] in FRAMEWORKS and name in vars(base):
                    found.append(f"{cls.__module__}.{cls.__qualname__}.{name}")
                    break
    return found


def newsdesk_classes():
    """Every class the installed Newsdesk apps define, tests and migrations aside."""
    classes = []
    for config in apps.get_app_configs():
        if not config.name.startswith("newsdesk."):
            continue
        modules = [config.name]
        for info in pkgutil.walk_packages(config.module.__path__, f"{config.name}."):
            if not re.search(r"\.(tests|migrations)(\.|$)", info.name):
                modules.append(info.name)
        for name in modules:
            if ENGINE_ONLY.get(name, connection.vendor) != connection.vendor:
                continue
            module = importlib.import_module(name)
            classes += [c for _n, c in inspect.getmembers(module, inspect.isclass)]
    return [c for c in set(classes) if c.__module__.startswith("newsdesk.")]


def test_no_app_overrides_a_private_framework_method():
    overrides = private_overrides(newsdesk_classes())
    assert [o for o in overrides if not o.startswith(f"{upstream.__name__}.")] == []


def test_the_override_check_sees_a_planted_override():
    class PlantedSitemap(Sitemap):
        def _urls(self, page, protocol, domain):
            return []

    assert private_overrides([PlantedSitemap]) == [
        f"{__name__}.{PlantedSitemap.__qualname__}._urls"
    ]


def root_name(expression):
    """``a`` for ``a.b.c``; None for anything not rooted in a plain name."""
    while isinstance(expression, ast.Attribute):
        expression = expression.value
    return expression.id if isinstance(expression, ast.Name) else None


def monkeypatches(source):
    """Lines of ``source`` that set an attribute on something imported from a framework."""
    tree = ast.parse(source)
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(FRAMEWORKS):
            imported |= {alias.asname or alias.name for alias in node.names}
        elif isinstance(node, ast.Import):
            imported |= {
                alias.asname or alias.name.split(".")[0]
                for alias in node.names
                if alias.name.startswith(FRAMEWORKS)
            }
    for node in ast.walk(tree):
        # A loop over imported classes makes its variable one of them.
        if isinstance(node, ast.For) and isinstance(node.target, ast.Name):
            items = getattr(node.iter, "elts", [])
            if items and all(isinstance(i, ast.Name) and i.id in imported for i in items):
                imported.add(node.target.id)
    lines = []
    for node in ast.walk(tree):
        targets = getattr(node, "targets", None) or [getattr(node, "target", None)]
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            attributes = [target for target in targets if isinstance(target, ast.Attribute)]
            lines += [node.lineno for target in attributes if root_name(target) in imported]
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "setattr":
            if node.args and root_name(node.args[0]) in imported:
                lines.append(node.lineno)
    return sorted(lines)


def test_no_app_patches_a_framework_object():
    patched = {
        where: lines
        for where, text in app_sources()
        if where != upstream.THIS_MODULE and (lines := monkeypatches(text))
    }
    assert patched == {}


def test_the_patch_check_sees_planted_patches():
    source = (
        "from django.conf import settings\n"
        "from wagtail.actions.publish_revision import PublishRevisionAction\n"
        "from wagtail.actions.unpublish import UnpublishAction\n"
        "import treebeard.mp_tree\n"
        "for action in (PublishRevisionAction, UnpublishAction):\n"
        "    action.execute = wrap(action.execute)\n"
        "settings.DEBUG = True\n"
        "setattr(PublishRevisionAction, 'check', None)\n"
        "treebeard.mp_tree.MP_Node._get_path = None\n"
        "page.title = 'Not a patch: an object of the app'\n"
    )
    assert monkeypatches(source) == [6, 7, 8, 9]
