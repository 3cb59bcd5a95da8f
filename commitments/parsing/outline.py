"""Recognise a plan document (a 纲要 with 目录, 第一章, 第一节 …), which is no article of the genre.

Articles quote plans, and may say 第一 or 第二章 in a sentence; a plan is laid out in headings:
short lines of their own that open a chapter, section or part, or a table of contents.
"""

import re

from .decoding import Paragraph, split_paragraphs

_NUMBER = r"[一二三四五六七八九十百零〇两\d]+"
_CHAPTER = re.compile(rf"^第\s*{_NUMBER}\s*[章篇编卷](?:\s|$|[\u4e00-\u9fff“”\"《])")
_SECTION = re.compile(rf"^第\s*{_NUMBER}\s*节(?:\s|$|[\u4e00-\u9fff“”\"《])")
_CONTENTS = re.compile(r"^目\s*录$|^目\s*次$")
_PLAN_TITLE = re.compile(r"(?:五年规划|远景目标)(?:和二〇三五年远景目标)?(?:纲要|规划)$")
_SENTENCE_STOPS = re.compile(r"[。！？；]")
_HEADING_LENGTH = 40


def looks_like_plan_outline(paragraphs: list[Paragraph]) -> str | None:
    """Why the paragraphs are a plan document, in one sentence naming a line; None for an article.

    A plan: two chapter headings (第一章 …) on lines of their own, or a table of contents (目录)
    with a chapter or section heading, or a chapter heading with two section headings (第一节 …).
    """
    chapters, sections, contents = [], [], []
    plan_title = None
    for paragraph in paragraphs:
        text = paragraph.text
        if len(text) > _HEADING_LENGTH or _SENTENCE_STOPS.search(text):
            continue
        if _CHAPTER.match(text):
            chapters.append(paragraph)
        elif _SECTION.match(text):
            sections.append(paragraph)
        elif _CONTENTS.match(text):
            contents.append(paragraph)
        elif plan_title is None and _PLAN_TITLE.search(text):
            plan_title = paragraph
    if contents and (chapters or sections):
        first = contents[0]
        return _reason(first, f"a table of contents (“{first.text}”) before chapter headings")
    if len(chapters) >= 2 or (chapters and len(sections) >= 2):
        first = chapters[0]
        return _reason(first, f"the chapter heading “{first.text}” opens a plan's outline")
    if plan_title is not None and len(sections) >= 2:
        return _reason(plan_title, f"the plan title “{plan_title.text}” heads numbered sections")
    return None


def is_plan_outline(text: str) -> bool:
    """Whether a whole text is laid out as a plan document (see looks_like_plan_outline)."""
    return looks_like_plan_outline(split_paragraphs(text)) is not None


def _reason(paragraph: Paragraph, why: str) -> str:
    return (
        f"Line {paragraph.line} shows a plan document, not an article where officials speak: "
        f"{why}."
    )
