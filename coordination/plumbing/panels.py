"""Panels that apps above `coordination` put on its pages (the dashboard, a region's
page): each app registers a panel when it is ready — its template and a function that
reads what the panel shows — so the pages of the ground layer never import them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

DASHBOARD = "dashboard"  # read(user=…)
REGION = "region"  # read(user=…, region=…)


@dataclass(frozen=True)
class Panel:
    name: str
    template: str
    read: Callable[..., dict | None]  # the template's context, or None to show nothing


_PANELS: dict[str, dict[str, Panel]] = {}


def register(page: str, name: str, *, template: str, read: Callable[..., dict | None]) -> None:
    """Show `template` on `page` with what `read` returns (a name registers once)."""
    _PANELS.setdefault(page, {})[name] = Panel(name, template, read)


def panels_for(page: str, **reading) -> list[dict]:
    """The page's panels with something to show, in the order they were registered."""
    shown = []
    for panel in _PANELS.get(page, {}).values():
        context = panel.read(**reading)
        if context:
            shown.append({"template": panel.template, "context": context})
    return shown
