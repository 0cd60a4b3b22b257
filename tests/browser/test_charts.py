"""Issue 21: every chart on a page reads on a phone (390×844) and on a laptop (1280×800):
its text is 12 to 20 CSS px as drawn, no label is cut or scrolls out of sight, the
page never scrolls sideways, and axe passes. The charts are the alert insights, a summit's
collaboration scores, a region's MDT growth, the annual report, the public dashboard and a
published year, and a training's scores before and after.

Set LANTERN_CHART_SHOTS to a folder to keep a screenshot of each chart at each size."""

import io
import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from coordination.models import Region, ReportingCycle, Summit, TrainingModule
from coordination.reporting import services as reporting_services
from tests.browser.conftest import assert_accessible, sign_in

PASSWORD = "Charts-passphrase-1"
SIZES = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1280, "height": 800}}
SMALLEST_TEXT_PX = 12
LARGEST_TEXT_PX = 20  # the page's headings are larger; a chart's text is not a heading

# Every piece of text drawn inside the page's charts (its <figure>s): HTML or SVG, how
# big it is as drawn (an SVG's text is scaled with the drawing), and whether it is cut:
# wider than its box, or outside its chart's box (clipped or scrolled out of sight).
MEASURE = """(figures) => figures.flatMap((figure, chart) => {
  const frame = figure.getBoundingClientRect();
  const texts = [...figure.querySelectorAll("*")].filter((element) =>
    [...element.childNodes].some((node) => node.nodeType === 3 && node.textContent.trim())
    && element.getClientRects().length
  );
  return texts.map((element) => {
    const style = getComputedStyle(element);
    let size = parseFloat(style.fontSize);
    if (element instanceof SVGGraphicsElement) {
      const matrix = element.getScreenCTM();
      size *= Math.hypot(matrix.a, matrix.b);
    }
    const box = element.getBoundingClientRect();
    const cut = element instanceof HTMLElement && element.scrollWidth > element.clientWidth + 1
      && style.display !== "inline";
    const outside = box.left < frame.left - 1 || box.right > frame.right + 1;
    return {chart, text: element.textContent.trim().slice(0, 60), size, cut, outside};
  });
})"""

# Any box of a chart that scrolls sideways or hides what overflows it.
SCROLLERS = """(figures) => figures.flatMap((figure) =>
  [figure, ...figure.querySelectorAll("*")]
    .filter((element) => element instanceof HTMLElement
      && element.scrollWidth > element.clientWidth + 1
      && getComputedStyle(element).display !== "inline")
    .map((element) => `${element.tagName.toLowerCase()}.${element.className}`)
)"""


@pytest.fixture
def demo(shipped_data):
    call_command("seed_demo", "--password", PASSWORD, "--referrals", "4", stdout=io.StringIO())
    admin = get_user_model().objects.get(username="demo-admin")
    closed = ReportingCycle.objects.filter(status="closed").order_by("-year").first()
    reporting_services.reporting_cycle_publish(actor=admin, cycle=closed, published=True)
    summit = Summit.objects.filter(survey_links__responses__isnull=False).distinct().first()
    region = Region.objects.get(slug="greater-new-orleans")
    return {
        "alert insights": "/alerts/insights/",
        "a summit": f"/summits/{summit.pk}/",
        "a region": f"/regions/{region.pk}/",
        "the annual report": f"/reports/{closed.year}/",
        "the public dashboard": "/public/",
        "a published year": f"/public/{closed.year}/",
        "a training": f"/trainings/{TrainingModule.objects.first().pk}/",
    }


def _problems(page, what: str) -> list[str]:
    figures = page.locator("main figure")
    if not figures.count():
        return [f"{what}: no chart"]
    found = []
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > page.viewport_size["width"]:
        found.append(f"{what}: the page is {width} px wide")
    for text in figures.evaluate_all(MEASURE):
        if not SMALLEST_TEXT_PX <= text["size"] <= LARGEST_TEXT_PX:
            found.append(f"{what}: {text['size']:.1f} px text: {text['text']!r}")
        if text["cut"] or text["outside"]:
            found.append(f"{what}: cut or out of sight: {text['text']!r}")
    for scroller in figures.evaluate_all(SCROLLERS):
        found.append(f"{what}: a chart scrolls sideways ({scroller})")
    return found


def _summit_names_whole(page) -> list[str]:
    """Every factor of the survey named in full in the chart (they were cut at 48
    characters)."""
    from coordination.learning.models import SurveyFactor

    shown = " ".join(page.locator("main figure").all_inner_texts())
    shown = " ".join(shown.split())
    return [
        f"a summit: the factor {factor.name!r} is not named in full"
        for factor in SurveyFactor.objects.all()
        if factor.name not in shown
    ]


@pytest.mark.parametrize("size", sorted(SIZES))
def test_every_chart_reads_on_a_phone_and_a_laptop(page, demo, size):
    page.set_viewport_size(SIZES[size])
    sign_in(page, "demo-admin", PASSWORD)
    shots = os.environ.get("LANTERN_CHART_SHOTS")
    problems = []
    for what, url in demo.items():
        page.goto(url)
        page.wait_for_load_state()
        problems += _problems(page, what)
        if what == "a summit":
            problems += _summit_names_whole(page)
        try:
            assert_accessible(page, f"{what} on a {size}")
        except AssertionError as refused:
            problems.append(str(refused))
        if shots:
            Path(shots).mkdir(parents=True, exist_ok=True)
            for number, figure in enumerate(page.locator("main figure").all()):
                name = f"{what.replace(' ', '-')}-{number + 1}-{size}.png"
                figure.screenshot(path=str(Path(shots) / name))
    assert not problems, "\n".join(problems)
