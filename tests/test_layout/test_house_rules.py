"""Rules of the house that a machine can check: module sizes, and flows that are whole."""

from __future__ import annotations

import ast
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest

from conversations.commands import COMMANDS
from conversations.flow import Finish, Flow, FlowDefinitionError, Outcome, Prompt, Step, Turn
from conversations.menu import OPENS
from conversations.registry import all_flows

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "conversations", "handlers", "wiring")
MAX_LINES = 400
REASON = "Long because:"
"""What a module over MAX_LINES says at the top of its docstring, with the reason."""


def _modules() -> list[Path]:
    return sorted(
        path
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    )


@pytest.mark.parametrize("path", _modules(), ids=lambda path: str(path.relative_to(ROOT)))
def test_no_module_is_long_without_a_reason(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    lines = source.count("\n") + 1
    docstring = ast.get_docstring(ast.parse(source)) or ""
    assert lines <= MAX_LINES or REASON in docstring, (
        f"{path.relative_to(ROOT)} has {lines} lines: split it along its seams, "
        f"or say why at the top of its docstring ({REASON} …)"
    )


def test_every_flow_a_command_or_the_menu_opens_exists() -> None:
    flows = all_flows()
    opened = {command.flow for command in COMMANDS if command.flow} | set(OPENS.values())
    assert opened <= set(flows)


class TwoSteps(StrEnum):
    ASK = "ask"
    CONFIRM = "confirm"


class OtherSteps(StrEnum):
    ASK = "ask"


async def _ask(t: Turn[Any]) -> Prompt:
    return Prompt("?")


async def _answer(t: Turn[Any]) -> Outcome:
    return Finish()


@pytest.mark.parametrize(
    ("steps", "problem"),
    [
        ((Step(TwoSteps.ASK, _ask, _answer),), "no step for"),
        (
            (
                Step(TwoSteps.ASK, _ask, _answer),
                Step(TwoSteps.ASK, _ask, _answer),
                Step(TwoSteps.CONFIRM, _ask, _answer),
            ),
            "repeats steps",
        ),
        (
            (Step(TwoSteps.ASK, _ask, _answer), Step(OtherSteps.ASK, _ask, _answer)),
            "repeats steps",
        ),
        ((), "has no steps"),
    ],
)
def test_a_flow_whose_steps_do_not_match_its_names_fails_when_built(
    steps: tuple[Step[Any], ...], problem: str
) -> None:
    with pytest.raises(FlowDefinitionError, match=problem):
        Flow[Any]("broken", TwoSteps, steps)


def test_a_step_named_from_another_flow_fails_when_built() -> None:
    class Lone(StrEnum):
        ASK = "ask"
        MORE = "more"

    with pytest.raises(FlowDefinitionError, match="are not Lone"):
        Flow[Any](
            "broken",
            Lone,
            (Step(Lone.ASK, _ask, _answer), Step(TwoSteps.CONFIRM, _ask, _answer)),
        )


def test_every_setting_is_in_the_readme() -> None:
    from bot.config import Settings

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [
        f"OKOCE_{name.upper()}"
        for name in Settings.model_fields
        if f"OKOCE_{name.upper()}" not in readme
    ]
    assert missing == [], f"document these settings in the README's table: {missing}"


def test_every_dependency_says_why_in_the_readme() -> None:
    import re
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    names = [re.split(r"[\[<>=]", requirement)[0].lower() for requirement in wanted]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("### Dependencies and why") :].split("\n## ", 1)[0].lower()
    missing = [name for name in names if name not in table]
    assert missing == [], f"say in the README's dependency table why these are here: {missing}"
