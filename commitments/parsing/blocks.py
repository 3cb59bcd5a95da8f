"""Group the paragraphs into header, speaker blocks (speaker, headline, body) and footer.

The genre comes in several layouts, read alike:

- speaker lines: ``市审计局党组书记、局长某某:`` on its own line, a headline, paragraphs (the seed);
  the speech may follow the colon on the same line (``江岸区委书记某某:今后五年,我们将……``), and the
  line may lack the colon, with spaces (``市发改委主任 某某``);
- reported speech: ``市商务局局长某某表示,……`` / ``“……”某某说。`` / ``他介绍,……``. The paragraphs that
  follow belong to the same speaker until another speaker or a narration paragraph (据了解, 记者
  了解到 …); after narration, nobody speaks until a speech tag names someone again;
- interviews: questions under ``记者:`` / ``问:`` (never anyone's commitments) and answers under
  ``答:`` or the official's name, the official being named in the title, subtitle or lead.

Photo and credit lines and continuation marks (未完待续) belong to nobody.
"""

import re
from dataclasses import dataclass, field

from .decoding import Paragraph, is_furniture
from .errors import ArticleParseError
from .speakers import POSTS, Speaker

_PHOTO_START = re.compile(r"[【\[(（]?(?:图为|图片|图：|图:|图/|摄影[：:]|视频[：:]|制图|题图)")
_PHOTO_END = re.compile(r"(?:记者|通讯员)?\s*[\u4e00-\u9fff]{2,4}\s*(?:摄|供图)\s*[)）】\]]?$")
CONTINUED = re.compile(r"^[(（【\[]?\s*(?:未完待续|未完|待续|to be continued)\s*[)）】\]]?$", re.I)


def is_photo_line(text: str) -> bool:
    """A caption or credit: 图为…, （记者某某 摄）, 某某供图."""
    if _PHOTO_START.match(text):
        return True
    tail = text.rstrip(")）】] ")
    return tail.endswith(("摄", "供图")) and bool(_PHOTO_END.search(text[-24:]))


@dataclass
class Block:
    speaker: Speaker
    line: int
    headline: str
    headline_start: int
    headline_end: int
    body: list[Paragraph] = field(default_factory=list)
    # "line" (speaker line), "reported" (speech tag in prose) or "answer" (interview).
    form: str = "line"
    # Narration that ended the speaker's turn (据悉,2020年全区…): no commitments, but its past
    # figures are the speaker's baselines.
    context: list[Paragraph] = field(default_factory=list)


@dataclass
class Layout:
    header: list[Paragraph]
    blocks: list[Block]
    footer: list[Paragraph]
    # Paragraphs that are questions, narration or photo lines inside the article: nobody's.
    unspoken: list[Paragraph] = field(default_factory=list)
    continued: bool = False


def content_paragraphs(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], bool]:
    """The paragraphs that are text, and whether a continuation mark (未完待续) was dropped."""
    content, continued = [], False
    for paragraph in paragraphs:
        if CONTINUED.match(paragraph.text):
            continued = True
        elif not is_furniture(paragraph) and not is_photo_line(paragraph.text):
            content.append(paragraph)
    return content, continued


class ArticleTooLarge(ArticleParseError):
    """More departments or commitments than one article may hold, refused before reading on.

    ``what`` is "departments" or "commitments"; ``count`` how many were found when the parse
    stopped (the limit plus one: it stops as soon as the limit is passed); ``limit`` the limit.
    """

    def __init__(self, message: str, *, what: str, count: int, limit: int):
        super().__init__(message)
        self.what, self.count, self.limit = what, count, limit





from .walker import Walker  # noqa: E402  (the walker builds the Blocks defined above)


def lay_out(paragraphs: list[Paragraph], max_blocks: int | None = None) -> Layout:
    """Split the paragraphs into header, speaker blocks and footer (credits or editor onwards)."""
    content, continued = content_paragraphs(paragraphs)
    walker = Walker(content, max_blocks)
    walker.walk()
    if not walker.blocks:
        raise ArticleParseError(_no_speaker_message(content))
    return Layout(
        header=content[: walker.first],
        blocks=walker.blocks,
        footer=content[walker.end :],
        unspoken=walker.unspoken,
        continued=continued,
    )


_POST_ANYWHERE = re.compile(rf"(?:{POSTS})")


def _no_speaker_message(content: list[Paragraph]) -> str:
    """Refuse naming the line that came closest to a speaker line, and why it was not one."""
    closest = None
    for paragraph in content[:5000]:
        post = _POST_ANYWHERE.search(paragraph.text)
        if post:
            after = paragraph.text[post.end() : post.end() + 4]
            closest = (
                paragraph,
                f"names the post {post.group()} but no unit (局, 委, 区 …) before it and "
                f"no name of two to four characters after it that the title grammar accepts"
                + (f" (it is followed by “{after}”)" if after else ""),
            )
            break
    if closest is None:
        for paragraph in content[:5000]:
            if re.search(r"[：:]", paragraph.text[:45]):
                head = re.split(r"[：:]", paragraph.text, maxsplit=1)[0][:20]
                closest = (paragraph, f"has a colon but “{head}” is not a unit, titles and a name")
                break
    message = (
        f"None of the {len(content)} paragraphs is a speaker line or names an official who speaks "
        "(a unit, titles and a name, such as 市审计局党组书记、局长刘生华: or 市商务局局长某某表示)"
    )
    if closest:
        paragraph, reason = closest
        quoted = paragraph.text[:24]
        message += f"; the closest is line {paragraph.line} (“{quoted}”), which {reason}"
    return message + "."
