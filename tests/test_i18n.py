"""The English interface: the catalog is complete and compiled, and the public pages speak English.

Source strings (msgids) are Chinese; English comes from locale/en/LC_MESSAGES/django.po. A string
added to the code without a translation fails `test_catalog_has_no_untranslated_or_fuzzy_entry`
with its msgid named: run makemessages, translate it, compilemessages, commit the .po and the .mo.
"""

import gettext
import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

from commitments.models import Commitment, CommitmentGoal, Goal
from commitments.status import Signal, Status
from departments.models import Department

LOCALE = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%%|\{\w*\}")
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def catalog():
    return polib.pofile(str(LOCALE / "django.po"))


@pytest.fixture(scope="module")
def messages(catalog):
    """The catalog's entries, obsolete (#~) ones left out."""
    return [entry for entry in catalog if not entry.obsolete]


def translations(entry):
    """{plural index: text}, index 0 alone for an entry without a plural."""
    return entry.msgstr_plural if entry.msgid_plural else {0: entry.msgstr}


def describe(entry):
    return f"django.po:{entry.linenum} {entry.msgid!r}"


def test_the_catalog_is_english_with_two_plural_forms(catalog, messages):
    assert catalog.metadata["Language"] == "en"
    assert catalog.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert len(messages) > 150
    by_id = {entry.msgid: entry for entry in messages}
    assert by_id["待评估"].msgstr == "Not rated"
    plural = by_id["共 %(counter)s 项承诺"]
    assert translations(plural) == {0: "%(counter)s commitment", 1: "%(counter)s commitments"}


def test_catalog_has_no_untranslated_or_fuzzy_entry(catalog, messages):
    fuzzy = [describe(entry) for entry in messages if entry.fuzzy]
    if "fuzzy" in catalog.metadata_is_fuzzy:
        fuzzy.append("the header")
    untranslated = [
        describe(entry)
        for entry in messages
        if not all(translations(entry).values())
        or (entry.msgid_plural and sorted(translations(entry)) != [0, 1])
    ]
    assert not (fuzzy or untranslated), f"fuzzy: {fuzzy}; untranslated: {untranslated}"


def test_translations_keep_every_placeholder(messages):
    def placeholders(text):
        return sorted(PLACEHOLDER.findall(text))

    broken = [
        describe(entry)
        for entry in messages
        for text in translations(entry).values()
        if placeholders(text) != placeholders(entry.msgid)
    ]
    assert not broken, f"placeholders changed: {broken}"


def test_translations_are_english(messages):
    # Example data quoted in a help text (党组书记、局长) and the editors group's name may stay.
    allowed = {
        "按原文顺序,如 党组书记、局长。",
        "创建或更新部门编辑:工作人员账号,加入“部门编辑”组并分配到指定部门。可重复执行。",
    }
    chinese = [
        describe(entry)
        for entry in messages
        if entry.msgid not in allowed
        and any(CJK.search(text) for text in translations(entry).values())
    ]
    assert not chinese, f"translations still in Chinese: {chinese}"


def test_compiled_catalog_matches_the_po(messages):
    """The .mo is committed (msgfmt may be missing where the app runs) and must not lag the .po."""
    with (LOCALE / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = []
    for entry in messages:
        if entry.msgctxt is not None:
            if compiled.pgettext(entry.msgctxt, entry.msgid) != entry.msgstr:
                stale.append(describe(entry))
        elif not entry.msgid_plural:
            if compiled.gettext(entry.msgid) != entry.msgstr:
                stale.append(describe(entry))
        elif [compiled.ngettext(entry.msgid, entry.msgid_plural, n) for n in (1, 2)] != [
            entry.msgstr_plural[0],
            entry.msgstr_plural[1],
        ]:
            stale.append(describe(entry))
    assert not stale, f"django.mo is out of date, run compilemessages: {stale}"


ENGLISH_STATUS = {
    Status.NOT_RATED: "Not rated",
    Status.NOT_STARTED: "Not started",
    Status.IN_PROGRESS: "In progress",
    Status.STALLED: "Stalled",
    Status.PARTIAL: "Partly done",
    Status.DONE: "Done",
    Status.ABANDONED: "Not delivered",
}
ENGLISH_SIGNAL = {Signal.RED: "Overdue", Signal.AMBER: "No recent update", Signal.GREEN: "On track"}


def test_status_and_signal_labels_translate():
    with translation.override("en"):
        assert {status: str(status.label) for status in Status} == ENGLISH_STATUS
        assert {signal: str(signal.label) for signal in Signal} == ENGLISH_SIGNAL
        assert dict(Status.choices)[Status.STALLED] == "Stalled"
    with translation.override("zh-hans"):
        assert str(Status.DONE.label) == "已完成"
        assert str(Signal.AMBER.label) == "久未更新"
        assert all(CJK.search(str(label)) for label in Status.labels + Signal.labels)


def test_plural_forms_follow_the_count():
    # Through a variable, so that makemessages does not take this test for a source of strings.
    msgid = "共 %(counter)s 项承诺"
    with translation.override("en"):
        assert translation.ngettext(msgid, msgid, 1) % {"counter": 1} == "1 commitment"
        assert translation.ngettext(msgid, msgid, 54) % {"counter": 54} == "54 commitments"
    with translation.override("zh-hans"):
        assert translation.ngettext(msgid, msgid, 54) % {"counter": 54} == "共 54 项承诺"


@pytest.fixture
def pages(page_urls, db):
    return page_urls


@pytest.fixture(scope="module")
def page_urls(module_article):
    """The public pages to read, on the seed article, with one commitment in progress."""
    commitment = Commitment.objects.filter(targets__isnull=False).order_by("pk").first()
    commitment.update_status(status=Status.IN_PROGRESS, progress=40, note="已印发实施方案")
    department = Department.objects.filter(commitments__isnull=False).order_by("order").first()
    goal = Goal.objects.get(slug="economy")
    return {
        "overview": "/",
        "departments": "/departments/",
        "department": department.get_absolute_url(),
        "goal": goal.get_absolute_url(),
        "commitments": "/commitments/",
        "commitment": commitment.get_absolute_url(),
    }


# Per page: English strings it must show, and the Chinese labels they replace.
EXPECTED = {
    "overview": (
        ["14th Five-Year Plan", "Average progress", "Status breakdown",
         "Five Centres", "Latest progress", "National Economic Centre", "In progress",
         "Not rated"],
        ["总览", "平均进度", "状态分布", "五个中心", "最新进展", "推进中", "待评估"],
    ),
    "departments": (
        ["<h1>Departments</h1>", "commitments</p>", "Main navigation"],
        ["<h1>部门</h1>", "项承诺</p>", "主导航"],
    ),
    "department": (
        ["Average progress by theme", "Not rated", "Data table"],
        ["各主题平均进度", "待评估", "数据表"],
    ),
    "goal": (
        ["<h1>National Economic Centre</h1>", "is one of Wuhan's Five Centres",
         "Related commitments", "Matched keywords: ", "Average progress by department"],
        ["<h1>全国经济中心</h1>", "相关承诺", "关联依据：", "各部门平均进度"],
    ),
    "commitments": (
        ["<h1>Commitments</h1>", "All departments", "All statuses", "Supervision signal",
         "Progress, high to low", "commitments</strong>", "Download: ", "Not rated"],
        ["承诺列表", "全部部门", "全部状态", "督办信号", "进度从高到低", "下载：", "待评估"],
    ),
    "commitment": (
        ["<dt>Due date</dt>", "<h2>Source text</h2>", "<h2>Targets and deadlines</h2>",
         "<h2>Progress log</h2>", "In progress", "Deadline"],
        ["<dt>截止日期</dt>", "<h2>原文</h2>", "量化目标与时限", "进展记录", "推进中"],
    ),
}


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


def untranslated_labels(html, msgids):
    """Catalog msgids that stand whole as a text node or an attribute: labels left in Chinese.

    The language switch names Chinese in Chinese (简体中文, Django's name_local) on purpose.
    """
    html = html.replace('lang="zh-hans">简体中文<', "")
    return sorted(
        msgid
        for msgid in msgids
        if CJK.search(msgid) and (f">{msgid}<" in html or f'="{msgid}"' in html)
    )


@pytest.mark.parametrize("name", EXPECTED)
def test_pages_in_english_by_accept_language(client, pages, messages, name):
    html = html_of(client.get(pages[name], headers={"accept-language": "en"}))
    english, chinese = EXPECTED[name]
    assert '<html lang="en">' in html
    assert 'value="zh-hans" lang="zh-hans">简体中文</button>' in html
    for text in ["Overview", "Departments", "Commitments", "Skip to content", *english]:
        assert text in html, text
    for text in ["跳到正文", "武汉“十四五”承诺追踪", *chinese]:
        assert text not in html, text
    assert untranslated_labels(html, {entry.msgid for entry in messages}) == []


@pytest.mark.parametrize("name", EXPECTED)
def test_pages_in_chinese_by_default(client, pages, name):
    html = html_of(client.get(pages[name]))
    english, chinese = EXPECTED[name]
    assert '<html lang="zh-hans">' in html
    for text in chinese:
        assert text in html, text
    for text in ["Skip to content", "Not rated", "Average progress", "Supervision signal"]:
        assert text not in html, text


def test_language_switch_keeps_english_across_pages(client, pages):
    response = client.post("/i18n/setlang/", {"language": "en", "next": pages["commitments"]})
    assert response.status_code == 302
    for name in ("commitments", "commitment", "overview"):
        html = html_of(client.get(pages[name]))
        assert '<html lang="en">' in html
        assert "In progress" in html
        assert "推进中" not in html and "待评估" not in html
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "待评估" in html_of(client.get(pages["commitments"]))


def test_goal_cards_count_in_singular_and_plural(client, pages):
    # Since issue 10 no seed commitment serves 国际交往中心 (国际 alone is no evidence): one link
    # made here gives the page a singular count beside the plural ones.
    unlinked = [goal for goal in Goal.objects.all() if goal.commitments.count() == 0]
    if unlinked:
        CommitmentGoal.objects.create(
            commitment=Commitment.objects.order_by("pk").first(), goal=unlinked[0], keywords=["国际"]
        )
    html = html_of(client.get("/", headers={"accept-language": "en"}))
    with translation.override("en"):
        goals = [(str(goal), goal.commitments.count()) for goal in Goal.objects.all()]
    assert {total == 1 for _name, total in goals} == {True, False}  # the seed has both
    for name, total in goals:
        label = "1 commitment" if total == 1 else f"{total} commitments"
        assert f'<h3>{name.replace("&", "&amp;")}</h3>\n    <p class="official">{label}</p>' in html


def test_filters_and_feed_in_english(client, pages):
    html = html_of(client.get("/commitments/", headers={"accept-language": "en"}))
    for option in ["Any", "With a target or deadline", "By department", "Recently updated first"]:
        assert f">{option}</option>" in html, option
    feed = client.get("/feeds/updates/", headers={"accept-language": "en"}).content.decode()
    assert "<title>PlanWatch: commitment progress updates</title>" in feed
    assert "In progress 40%" in feed or "In progress" in feed
