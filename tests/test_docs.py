"""The README keeps up with the code: commands, options, fields, layouts, dependencies, CI.

Like sqlite-utils' documentation tests: adding a command, an option, a record field or a layout
without documenting it fails here, not in a user's hands.
"""

from __future__ import annotations

import os
import re
import shlex
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main

from kpiextract.cli import OutputFormat, app
from kpiextract.layouts import LAYOUTS
from kpiextract.models import Benchmark, KPIRecord

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI_RUN = ROOT / ".ci" / "run"


def section(title: str) -> str:
    """The text of the README's "## title" section, up to the next "## " heading."""
    match = re.search(rf"(?ms)^## {re.escape(title)}[ \t]*\n(.*?)(?=^## |\Z)", README)
    assert match, f'README.md has no "## {title}" section'
    return match.group(1)


def walk(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command under the app, with its path of names (nested groups included)."""
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield (*path, name), sub
        yield from walk(sub, (*path, name))


ROOT_COMMAND = typer.main.get_command(app)
COMMANDS = dict(walk(ROOT_COMMAND))
COMMAND_IDS = [" ".join(path) for path in COMMANDS]


def visible_params(command: Any) -> list[Any]:
    return [param for param in command.params if not getattr(param, "hidden", False)]


def test_app_registers_commands() -> None:
    assert COMMANDS, "no commands registered in kpiextract.cli.app"
    assert ("parse",) in COMMANDS


def test_app_has_help() -> None:
    assert (ROOT_COMMAND.help or "").strip()
    for param in visible_params(ROOT_COMMAND):
        assert (getattr(param, "help", None) or "").strip(), f"app option {param.name} has no help"


@pytest.mark.parametrize("path", list(COMMANDS), ids=COMMAND_IDS)
def test_command_has_help_text(path: tuple[str, ...]) -> None:
    command = COMMANDS[path]
    name = " ".join(path)
    assert (command.help or command.short_help or "").strip(), f"`kpiextract {name}` has no help text"
    for param in visible_params(command):
        assert (getattr(param, "help", None) or "").strip(), (
            f"`kpiextract {' '.join(path)}`: {param.name} has no help text"
        )


@pytest.mark.parametrize("path", list(COMMANDS), ids=COMMAND_IDS)
def test_command_is_documented(path: tuple[str, ...]) -> None:
    commands = section("Commands")
    usage = "kpiextract " + " ".join(path)
    assert re.search(rf"{re.escape(usage)}\b", commands), f'"{usage}" is not in README "## Commands"'


@pytest.mark.parametrize("path", list(COMMANDS), ids=COMMAND_IDS)
def test_every_option_is_documented(path: tuple[str, ...]) -> None:
    commands = section("Commands")
    for param in visible_params(COMMANDS[path]):
        if getattr(param, "param_type_name", "") == "argument":
            continue
        for option in [*param.opts, *param.secondary_opts]:
            assert re.search(rf"`{re.escape(option)}[ `=]", commands), (
                f"`kpiextract {' '.join(path)}` option {option} is not mentioned in README \"## Commands\""
            )


def test_app_options_are_documented() -> None:
    commands = section("Commands")
    for param in visible_params(ROOT_COMMAND):
        for option in param.opts:
            assert option in commands, f"app option {option} is not in README \"## Commands\""


def test_format_choices_are_documented() -> None:
    commands = section("Commands")
    for choice in OutputFormat:
        assert f"`{choice.value}`" in commands, f"--format {choice.value} is not in README \"## Commands\""


def test_record_fields_table_is_the_models() -> None:
    """The README's table is generated from KPIRecord's field descriptions (python -m kpiextract.docs)."""
    from kpiextract.docs import with_fields_table

    assert with_fields_table(README) == README, "README's fields table is stale: run python -m kpiextract.docs"


def test_record_fields_are_documented() -> None:
    fields = section("Record fields")
    for name in KPIRecord.model_fields:
        assert f"| `{name}` |" in fields, f"KPIRecord.{name} is not in README \"## Record fields\""
    for name in Benchmark.model_fields:
        assert name in fields


def test_layouts_are_documented() -> None:
    layouts = section("Layouts")
    for name in LAYOUTS:
        assert f"`{name}`" in layouts, f"layout {name} is not in README \"## Layouts\""


def dependency_names(specs: list[str]) -> list[str]:
    return [re.split(r"[<>=!~;\[ ]", spec, maxsplit=1)[0] for spec in specs]


def test_dependencies_are_documented() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    documented = section("Dependencies").lower()
    names = dependency_names(project["dependencies"])
    names += dependency_names(project.get("optional-dependencies", {}).get("test", []))
    for name in names:
        assert re.search(rf"^- {re.escape(name.lower())}:", documented, re.MULTILINE), (
            f"dependency {name} is not explained in README \"## Dependencies\""
        )


def quick_start_commands() -> list[str]:
    blocks = re.findall(r"(?ms)^```[a-z]*\n(.*?)^```", section("Quick start"))
    assert len(blocks) == 1, "Quick start should have one code block"
    return [line.strip() for line in blocks[0].splitlines() if line.strip()]


def test_quick_start_is_two_commands() -> None:
    commands = quick_start_commands()
    assert len(commands) == 2, commands
    install, test = commands
    assert install.startswith("python3 -m venv .venv && ")
    assert "kpiextract parse samples/" in install
    assert test.startswith('.venv/bin/pip install -e ".[test]" && ')


def test_quick_start_sample_exists() -> None:
    install = quick_start_commands()[0]
    words = shlex.split(install)
    paths = [word for word in words if word.startswith("samples/")]
    assert paths and all((ROOT / path).is_file() for path in paths), paths


def test_development_names_every_module() -> None:
    development = section("Development")
    package = ROOT / "src" / "kpiextract"
    for path in sorted(package.iterdir()):
        if path.name.startswith(("_", ".")):
            continue
        if path.suffix == ".py":
            assert f"{path.name} " in development, f"src/kpiextract/{path.name} is not in README \"## Development\""
        elif path.is_dir() and (path / "__init__.py").is_file():
            assert f"{path.name}/" in development, f"src/kpiextract/{path.name}/ is not in README \"## Development\""


def test_ci_runs_the_readme_test_command() -> None:
    test_command = quick_start_commands()[1].split(" && ")[-1]
    script = CI_RUN.read_text(encoding="utf-8")
    assert test_command in script, f"{CI_RUN} does not run the README's test command: {test_command}"


def test_ci_script_is_strict_and_executable() -> None:
    script = CI_RUN.read_text(encoding="utf-8")
    assert script.startswith("#!/usr/bin/env bash\n") or script.startswith("#!/bin/bash\n")
    assert "set -euo pipefail" in script
    for step in ("python3 -m venv .venv", 'pip install -e ".[test]"', "ruff check src tests", "-m mypy"):
        assert step in script, step
    if os.name != "nt":
        assert os.access(CI_RUN, os.X_OK), f"{CI_RUN} is not executable"
