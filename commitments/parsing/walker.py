"""Walk the paragraphs once, keeping who speaks: speaker lines, speech tags, interview answers.

See blocks.py for the layouts this reads.
"""

import re

from .blocks import ArticleTooLarge, Block
from .decoding import Paragraph
from .errors import ArticleParseError
from .metadata import is_credits, is_editor
from .punctuation import SENTENCE_STOPS
from .speakers import (
    POSTS,
    SPEECH_VERBS,
    Mention,
    Speaker,
    find_mentions,
    is_name,
    is_pronoun,
    name_tag_pattern,
    parse_speaker,
    section_unit,
)

_HEADLINE_MAX_LENGTH = 50
_BULLET = r"[■●◆▲★□◇·\s]*"
_QUESTION = re.compile(
    rf"^{_BULLET}[【\[]?(?:记者问|记者|问|提问|本报记者|主持人|Q|"
    r"[\u4e00-\u9fff]{2,4}(?:日报|晚报|晨报|网|新闻|时报)(?:记者)?)"
    r"[】\]]?\s*[：:]"
)
_ANSWER = re.compile(rf"^{_BULLET}[【\[]?(?:答|A)[】\]]?\s*[：:]\s*")
# An interview named as such in its title or lead: its questions may carry no label.
_INTERVIEW_WORDS = re.compile(r"专访|访谈|对话|答记者问|接受[^，。]{0,12}(?:采访|专访)")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_PIECE_EDGES = " \t\u3000，,：:"

_NARRATION = re.compile(
    r"^(?:据了解|据介绍|据悉|据统计|另据|据[^，。]{1,10}(?:介绍|统计|数据|消息)|记者了解到|记者注意到"
    r"|记者获悉|记者从|记者在|记者看到|本报讯|数据显示|资料显示|统计显示|截至|此前|当天|当日|会上"
    r"|会议指出|会议强调|会议要求|会议提出)"
)
_DATELINE = re.compile(
    r"(?:19|20)[0-9]{2}\s*[-年/.]\s*[0-9]{1,2}\s*[-月/.]\s*[0-9]{1,2}|来源\s*[：:]|本报讯|日报讯"
)
# Words said by no named person: 各区和园区表示, 有关负责人介绍, 业内人士认为.
_OTHERS_SAY = re.compile(
    rf"^(?!他|她|我)[^，。；“”]{{2,14}}?(?:{SPEECH_VERBS})[，,：:]"
)
_REPORTER_SEES = re.compile(r"^记者(?:了解到|注意到|获悉|看到|发现)")
# 各区和园区表示,…: many speak at once, closing an article of speaker lines: nobody's commitment.
_ALL_SAY = re.compile(
    rf"^(?:各|与会|大家|代表们|委员们|多位|不少|众多)[^，。；“”]{{0,12}}?(?:{SPEECH_VERBS})[，,：:]"
)
# 报告提出, …: the report the speaker delivered goes on speaking for them.
_REPORT_SAYS = re.compile(r"^(?:政府)?(?:工作)?报告(?:提出|指出|明确|强调|显示|部署)[，：,:]?")
_VERB_OR_REPORT = (
    rf"(?:同志)?(?:(?:[0-9一二三四五六七八九十]{{1,2}}月)?[0-9一二三四五六七八九十]{{1,3}}日)?"
    rf"(?:{SPEECH_VERBS}|代表[^，。；]{{0,12}}?作[^，。；]{{0,12}}?报告)"
)
# Anything a speaker line, label or speech tag needs: a post, a colon, a pronoun before a verb.
_MAYBE_SPEAKER = re.compile(rf"{POSTS}|[：:]|[他她](?:{SPEECH_VERBS})")


class Walker:
    """One pass over the paragraphs, keeping who is speaking."""

    def __init__(self, content: list[Paragraph], max_blocks: int | None = None):
        self.content = content
        self.blocks: list[Block] = []
        self.by_key: dict[tuple[str, str], Block] = {}
        self.introduced: dict[tuple[str, str], int] = {}
        self.current: Block | None = None
        self.unspoken: list[Paragraph] = []
        self.first = len(content)
        self.end = len(content)
        self.interview = any(_QUESTION.match(paragraph.text) for paragraph in content) or (
            any(_INTERVIEW_WORDS.search(paragraph.text) for paragraph in content[:8])
            and sum(_is_bare_question(paragraph.text) for paragraph in content) >= 2
        )
        self.last_reported: Block | None = None
        self.questions_seen = False
        self.interviewee: Mention | None = None
        self.tags: re.Pattern | None = None
        self.names: list[str] = []
        self.max_blocks = max_blocks
        # Speakers named in the article's title (市商务局局长某某:十四五期间……): they speak when a
        # tag names them, or, if nobody else ever speaks, the whole article is theirs.
        self.pending: list[tuple[int, Speaker]] = []
        # A title naming a post but no person (东西湖区区长:……): whoever holds it speaks.
        self.pending_post: tuple[str, tuple[str, ...]] | None = None
        self.prose_seen = False
        self.dateline_seen = False
        self.reporting: Block | None = None
        # Quoted paragraphs nobody is named in yet (“去年…… / “今年……。”): the tag closing the
        # quotation, or a signature line after it (——市商务局局长 陈某), says whose they are.
        self.held: list[tuple[int, Paragraph]] = []
        # At a press conference, the official the last question was put to.
        self.addressed: Speaker | None = None
        # The unit the current section's subtitle or label names (市医保局：…, 【市住建局】).
        self.section_unit: str | None = None
        # The place a district's section is titled with (江夏：…), for its head's 区长 某某 line.
        self.section_place: str | None = None

    def walk(self) -> None:
        for index, paragraph in enumerate(self.content):
            if self.blocks and (is_credits(paragraph) or is_editor(paragraph)):
                self.end = index
                break
            opened = self._read(index, paragraph)
            if opened and self.first == len(self.content):
                self.first = index
            if opened and self.max_blocks is not None and len(self.blocks) > self.max_blocks:
                raise ArticleTooLarge(
                    f"The article has more than {self.max_blocks} speakers (line {paragraph.line} "
                    f"introduces one more), over the limit of {self.max_blocks}.",
                    what="departments",
                    count=len(self.blocks),
                    limit=self.max_blocks,
                )
        self._release_held()
        if not self.blocks and self.pending:
            self._adopt_title_speaker()
        self.blocks = [block for block in self.blocks if block.body or block.form == "line"]
        for block in self.blocks:
            if block.form == "line":
                _take_headline(block)

    def _adopt_title_speaker(self) -> None:
        """Nobody speaks in the body: the person the title names owns its statements."""
        index, speaker = self.pending[0]
        block = self._block(speaker, self.content[index], "reported")
        for paragraph in self.content[index + 1 : self.end]:
            if not (_QUESTION.match(paragraph.text) or _DATELINE.search(paragraph.text)):
                self._add(block, paragraph, 0)
        self.first = index

    def _read(self, index: int, paragraph: Paragraph) -> bool:
        """Assign the paragraph; True when it names a speaker."""
        opened = self._read_paragraph(index, paragraph)
        if not self.blocks:  # what a title line is judged by: only before the first speaker
            text = paragraph.text
            if len(text) > 30 and text.endswith(SENTENCE_STOPS + ("”",)):
                self.prose_seen = True
            if _DATELINE.search(text):
                self.dateline_seen = True
        return opened

    def _read_paragraph(self, index: int, paragraph: Paragraph) -> bool:
        if self.interview:
            return self._read_unheld(index, paragraph)
        if self._awaits_attribution(paragraph.text):
            self.held.append((index, paragraph))
            return False
        if self.held:
            signer = _signature(paragraph)
            if signer:
                return self._signed(signer, paragraph)
            if not paragraph.text.startswith("“"):
                self._release_held()
        opened = self._read_unheld(index, paragraph)
        if self.held:
            self._give_held_to_closing_speaker(paragraph)
        return opened

    def _introduce(self, mention: Mention, paragraph: Paragraph) -> bool:
        """Someone named without speaking (记者采访了市经信局局长某某, 出席发布会的有……): they speak
        when a tag or an answer names them. True when they are new."""
        if mention.name in self.names:
            return False
        speaker = Speaker(mention.unit, mention.titles, mention.name, "", 0)
        self.pending.append((self.content.index(paragraph), speaker))
        self._remember(mention.name)
        return True

    def _addressed_in(self, question: str) -> Speaker | None:
        """The official a press conference's question is put to (请问市科技局…), among those
        named so far: an answer under 答： is theirs."""
        speakers = [block.speaker for block in self.blocks] + [speaker for _, speaker in self.pending]
        named = [speaker for speaker in speakers if len(speaker.unit) > 1 and speaker.unit in question]
        return Speaker(named[-1].unit, named[-1].titles, named[-1].name, "", 0) if named else None

    def _awaits_attribution(self, text: str) -> bool:
        """A paragraph that is all quotation and names nobody: open at its end (a speech that
        runs on), or closed at its very end (the tag or signature may follow)."""
        if not text.startswith("“") or _MAYBE_SPEAKER.search(text):
            return False
        if self.tags and self.tags.search(text):
            return False
        return text.rfind("“") > text.rfind("”") or text.endswith("”")

    def _signed(self, speaker: Speaker, paragraph: Paragraph) -> bool:
        """——市商务局党组书记、局长 陈某 under a quotation: it was theirs, and their turn is over."""
        block = self._block(speaker, paragraph, "reported")
        self._remember(speaker.name)
        for _, held in self.held:
            self._add(block, held, 0)
        self.held = []
        self.current = None
        self.last_reported = block
        return True

    def _give_held_to_closing_speaker(self, paragraph: Paragraph) -> None:
        """The held paragraphs belong to whoever the tag closing the quotation names: the block
        given this paragraph's first words."""
        pieces = [
            (piece.start, position, block)
            for block in self.blocks
            for position, piece in enumerate(block.body)
            if paragraph.start <= piece.start < paragraph.end
        ]
        if not pieces:
            self._release_held()
            return
        _, position, block = min(pieces, key=lambda piece: piece[0])
        block.body[position:position] = [held for _, held in self.held]
        self.held = []

    def _release_held(self) -> None:
        """Held paragraphs no tag claimed go where a paragraph naming nobody goes."""
        held, self.held = self.held, []
        for index, paragraph in held:
            self._go_on(index, paragraph)

    def _read_unheld(self, index: int, paragraph: Paragraph) -> bool:
        text = paragraph.text
        place = _PLACE_SUBTITLE.match(text)
        if place and not self.interview and not place["place"].endswith(_POST_ENDINGS):
            # 江夏：打造光谷南大健康产业园 — a district's section; its head is named by post alone.
            self.section_place = place["place"]
            self.current = None
            self._unspoken(paragraph)
            return False
        head = _POST_NAME_LINE.match(text)
        if head and self.section_place and is_name(head["name"]):
            # 区长 吴家明 under that section: the head of 江夏区.
            unit = self.section_place + head["post"][0]
            speaker = Speaker(unit, (head["post"],), head["name"], "", paragraph.end)
            return self._speaker_line(speaker, paragraph)
        section = section_unit(text) if not self.interview else None
        if section:
            # 市医保局：让群众看病更省心 / 【市住建局】……: a section of that unit begins; its head
            # is named by post alone (该局局长王红梅).
            self.section_unit, subtitle = section
            self.current = None
            if subtitle:
                self._unspoken(paragraph)
                return False
        if _NARRATOR_LABEL.match(text):
            # 【解说】 in a broadcast transcript: the narrator speaks until the next speaker.
            self.current = None
            self._unspoken(paragraph)
            return False
        if self.interview and (_QUESTION.match(text) or _is_bare_question(text)):
            self.current = None
            self.questions_seen = True
            for mention in find_mentions(text):  # the host presents who will answer
                self._introduce(mention, paragraph)
            self.addressed = self._addressed_in(text)
            self._unspoken(paragraph)
            return False
        answer = _ANSWER.match(text)
        if answer and self.interview:
            speaker = self.addressed or self._interviewee(index)
            if speaker:
                block = self._block(speaker, paragraph, "answer")
                self._add(block, paragraph, answer.end())
                return True
        report = _REPORT_SAYS.match(text)
        if report and self.reporting is not None and self.current is self.reporting:
            self._add(self.current, paragraph, report.end())
            return False
        if not _MAYBE_SPEAKER.search(text) and not (self.tags and self.tags.search(text)):
            return self._go_on(index, paragraph)  # the common case: plain prose, decided at once
        speaker = parse_speaker(paragraph)
        if speaker and self._is_title_line(index, speaker):
            self.pending.append((index, speaker))
            self._remember(speaker.name)
            return False
        if speaker:
            return self._speaker_line(speaker, paragraph)
        if not self.blocks and not self.pending_post and index <= 3:
            self._read_post_title(text)
        label = self._name_label(index, text)
        if label:
            block, end = label
            self.current = block
            self._add(block, paragraph, end)
            return True
        in_line_block = self.current is not None and self.current.form == "line"
        if self._speech_tags(paragraph, own_only=in_line_block):
            return True
        return self._go_on(index, paragraph)

    def _go_on(self, index: int, paragraph: Paragraph) -> bool:
        """A paragraph naming nobody: the current speaker's, unless it is narration."""
        text = paragraph.text
        if self.current is None and text.startswith("“") and self.last_reported is not None:
            # A quotation after narration is the last quoted speaker's.
            self.current = self.last_reported
        if self.current is None:
            if self.interview and self.questions_seen and self._interviewee(index):
                # An unlabelled answer after a question.
                self.current = self._block(self._as_speaker(self.interviewee), paragraph, "answer")
            else:
                self._unspoken(paragraph)
                return False
        elif self.current.form != "line" and _is_subheading(text):
            # A reporter's subheading between a speaker's paragraphs: nobody's words.
            self._unspoken(paragraph)
            return False
        elif _ALL_SAY.match(text) or (self.current.form != "line" and _OTHERS_SAY.match(text)):
            # 各区和园区表示,…: someone unnamed speaks; the speaker's turn is over.
            self.current.context.append(paragraph)
            self.current = None
            self._unspoken(paragraph)
            return False
        elif (self.current.form == "reported" and _NARRATION.match(text)) or _REPORTER_SEES.match(
            text
        ):
            # 记者注意到, … after speaker lines: the reporter sums up; the turn is over.
            self.current.context.append(paragraph)
            self.current = None
            self._unspoken(paragraph)
            return False
        self._add(self.current, paragraph, 0)
        return False

    def _is_title_line(self, index: int, speaker: Speaker) -> bool:
        """A speaker line that is the article's title: first lines, before any dateline or prose,
        with its words on the same line."""
        return (
            bool(speaker.headline or speaker.speech_start >= 0)
            and not self.blocks
            and not self.prose_seen
            and not self.dateline_seen
            and index <= 5
        )

    def _read_post_title(self, text: str) -> None:
        head = re.match(r"^([\u4e00-\u9fff、]{3,30})[：:]", text)
        if head:
            from .speakers import split_unit_titles

            self.pending_post = split_unit_titles(head.group(1))

    def _post_holder(self, text: str) -> list[tuple[int, int, Block]]:
        """区长张晓峰代表区人民政府作工作报告: the holder of the post the title named."""
        if self.pending_post is None:
            return []
        unit, titles = self.pending_post
        post = re.escape(titles[-1])
        match = re.search(rf"{post}(?P<name>[\u4e00-\u9fff]{{2,3}}?)(?={_VERB_OR_REPORT})", text)
        if not match or not is_name(match["name"]):
            return []
        speaker = Speaker(unit, titles, match["name"], "", 0)
        block = self._block(speaker, None, "reported")
        self._remember(match["name"])
        verb = re.compile(_VERB_OR_REPORT).match(text, match.end())
        if verb and verb.group().startswith("代表"):
            self.reporting = block
        return [(match.start(), verb.end() if verb else match.end(), block)]

    def _unspoken(self, paragraph: Paragraph) -> None:
        if self.blocks:
            self.unspoken.append(paragraph)

    def _speaker_line(self, speaker: Speaker, paragraph: Paragraph) -> bool:
        key = (speaker.unit, speaker.name)
        if self.interview and self.interviewee and speaker.name == self.interviewee.name:
            block = self._block(speaker, paragraph, "answer")
        elif key in self.introduced and speaker.speech_start < 0:
            raise ArticleParseError(
                f"Line {paragraph.line} repeats the speaker {speaker.unit}{speaker.name}, "
                f"already introduced on line {self.introduced[key]}."
            )
        else:
            if speaker.speech_start < 0:
                self.introduced[key] = paragraph.line
            block = self._block(speaker, paragraph, "line")
        self._remember(speaker.name)
        if speaker.speech_start >= 0:
            self._add(block, paragraph, speaker.speech_start - paragraph.start)
        return True

    def _block(self, speaker: Speaker, paragraph: Paragraph | None, form: str) -> Block:
        key = (speaker.unit, speaker.name)
        block = self.by_key.get(key) or self._same_person(speaker)
        if block is not None and len(speaker.titles) > len(block.speaker.titles) and form != "line":
            # 区长 in the title, 区委副书记、区长 in the lead: the fuller titles win.
            old = block.speaker
            block.speaker = Speaker(old.unit, speaker.titles, old.name, old.headline,
                                    old.headline_start, old.speech_start)
        if block is None or (form == "line" and speaker.speech_start < 0):
            paragraph = paragraph or Paragraph("", 0, 0, 0)
            start = speaker.headline_start if speaker.headline else paragraph.end
            if form != "line" or speaker.speech_start >= 0:
                start = paragraph.start
            block = Block(speaker, paragraph.line, speaker.headline, start,
                          start + len(speaker.headline), form=form)
            self.blocks.append(block)
            self.by_key[key] = block
        self.current = block
        return block

    def _same_person(self, speaker: Speaker) -> Block | None:
        """The block of the same person under a short or full name of the unit (区发改局 and
        区发展和改革局), or under a unit named with or without its city (江岸区, 武汉市江岸区)."""
        for block in self.blocks:
            other = block.speaker
            if other.name != speaker.name or block.form == "line":
                continue
            short, full = sorted((_short_suffix(other.unit), _short_suffix(speaker.unit)), key=len)
            if full.endswith(short) or (short[-1] == full[-1] and _is_subsequence(short, full)):
                if len(speaker.unit) > len(other.unit):
                    block.speaker = Speaker(
                        speaker.unit, other.titles, other.name,
                        other.headline, other.headline_start, other.speech_start,
                    )
                return block
        return None

    def _add(self, block: Block, paragraph: Paragraph, offset: int, end: int | None = None) -> None:
        text = paragraph.text
        whole = offset == 0 and end is None
        if whole and text[0] not in _PIECE_EDGES and text[-1] not in _PIECE_EDGES:
            if _HAN.search(text):
                block.body.append(paragraph)
            return
        end = len(text) if end is None else end
        piece = text[offset:end]
        stripped = piece.strip(_PIECE_EDGES)
        if not stripped or not _HAN.search(stripped):
            return
        start = paragraph.start + offset + piece.index(stripped)
        block.body.append(Paragraph(stripped, start, start + len(stripped), paragraph.line))

    def _name_label(self, index: int, text: str) -> tuple[Block, int] | None:
        """An answer under the speaker's name alone: 周立新: / 周区长:."""
        label = re.match(rf"^{_BULLET}([\u4e00-\u9fff]{{2,5}})\s*[：:]", text)
        if not label:
            return None
        who = label.group(1)
        block = self._known(who)
        if block is None and self.interview and self._interviewee(index):
            name = self.interviewee.name
            post = re.search(rf"(?:{POSTS})$", who)
            surname = who[: post.start()] if post else ""
            if who == name or (surname and len(surname) < len(name) and name.startswith(surname)):
                block = self._block(self._as_speaker(self.interviewee), None, "answer")
        return (block, label.end()) if block else None

    def _remember(self, name: str) -> None:
        if name not in self.names:
            self.names.append(name)
            self.tags = name_tag_pattern(self.names)

    def _speech_tags(self, paragraph: Paragraph, own_only: bool = False) -> bool:
        """Split a paragraph at its speech tags; each piece goes to the speaker its tag names.

        Inside a speaker line's block (own_only), officials named in prose open no block of their
        own (a quoted superior is no speaker of the article); tags naming known speakers still
        switch to them and are cut out of the text.
        """
        text = paragraph.text
        previous = self.current
        tags: list[tuple[int, int, Block]] = []  # start, end (after verb), block
        silent: list[Mention] = []  # named in this paragraph without a speech verb
        introduced = False
        for mention in [] if own_only else find_mentions(text, self.section_unit):
            if mention.verb_end < 0:
                silent.append(mention)
                introduced = self._introduce(mention, paragraph) or introduced
                continue
            speaker = Speaker(mention.unit, mention.titles, mention.name, "", paragraph.start)
            block = self._block(speaker, paragraph, "reported")
            self._remember(mention.name)
            if text[mention.end : mention.verb_end].startswith("代表"):
                self.reporting = block
            tags.append((mention.start, mention.verb_end, block))
        if not tags and not own_only:
            tags = self._post_holder(text)
        if self.tags is not None:
            for match in self.tags.finditer(text):
                if any(start <= match.start() < end for start, end, _ in tags):
                    continue
                earlier = [tag for tag in tags if tag[0] < match.start()]
                named_before = [m for m in silent if m.end <= match.start()]
                if is_pronoun(match["who"]) and earlier:
                    block = max(earlier, key=lambda tag: tag[0])[2]  # 陈晓峰指出,…… 他强调,……
                elif is_pronoun(match["who"]) and named_before:
                    # 县委书记某某把目光投向了…。他说,……: the person the narration just named.
                    block = self._known(named_before[-1].name)
                else:
                    block = self._known(match["who"], previous or self.last_reported)
                if block and _opens_clause(text, match.start()):
                    tags.append((match.start(), match.end(), block))
        if not tags and introduced and previous is not None and previous.form != "line":
            # 在市农业农村局，局长高德胜接受了记者专访: the reporter moves on to someone new; the
            # last speaker's turn is over, and this paragraph is nobody's words.
            previous.context.append(paragraph)
            self.current = None
            self._unspoken(paragraph)
            return True
        if not tags:
            return False
        tags.sort(key=lambda tag: tag[0])
        for number, (start, verb_end, block) in enumerate(tags):
            before = text[(tags[number - 1][1] if number else 0) : start]
            if (
                number == 0
                and before.strip().endswith(SENTENCE_STOPS + ("”",))
                and block is previous
                and not _is_quote_before_tag(before)
            ):
                # The speaker goes on: 黄国庆说 closes a paragraph that is his already.
                self._add(block, paragraph, 0, start)
            elif _is_quote_before_tag(before):
                quote = before.find("“")
                offset = (tags[number - 1][1] if number else 0) + max(quote, 0)
                self._add(block, paragraph, offset, start)
            elif number + 1 == len(tags) and not _HAN.search(text[verb_end:]) and before.strip():
                # ……,汪建华说。 — a tag closing the paragraph owns what it closes.
                self._add(block, paragraph, tags[number - 1][1] if number else 0, start)
            following = tags[number + 1][0] if number + 1 < len(tags) else len(text)
            following = _quote_start_before(text, verb_end, following, number + 1 < len(tags))
            self._add(block, paragraph, verb_end, following)
        self.current = tags[-1][2]
        self.last_reported = self.current
        return True

    def _known(self, who: str, current: Block | None = None) -> Block | None:
        if is_pronoun(who):
            return current
        post = re.search(rf"(?:{POSTS})$", who)
        surname = who[: post.start()] if post else ""
        for block in reversed(self.blocks):
            name, titles = block.speaker.name, block.speaker.titles
            if who == name:
                return block
            if surname and name.startswith(surname) and len(surname) < len(name):
                if any(title.endswith(post.group()) for title in titles):
                    return block
        for _, speaker in self.pending:
            if who == speaker.name or (surname and speaker.name.startswith(surname)):
                self.pending = [(i, s) for i, s in self.pending if s is not speaker]
                plain = Speaker(speaker.unit, speaker.titles, speaker.name, "", 0)
                return self._block(plain, None, "reported")
        return None

    def _interviewee(self, index: int) -> Speaker | None:
        if self.interviewee is None:
            mentions = [m for p in self.content[: index + 1] for m in find_mentions(p.text)]
            if mentions:
                # The first person named; their fullest titles (标题 局长, lead 党组书记、局长).
                same = [m for m in mentions if m.name == mentions[0].name]
                self.interviewee = max(same, key=lambda mention: len(mention.titles))
        return self._as_speaker(self.interviewee) if self.interviewee else None

    @staticmethod
    def _as_speaker(mention: Mention) -> Speaker:
        return Speaker(mention.unit, mention.titles, mention.name, "", 0)


_PLACE_SUBTITLE = re.compile(r"^(?P<place>[\u4e00-\u9fff]{2,3})[：:](?P<headline>[^，,。；;！？!?]{4,20})$")
_POST_ENDINGS = ("长", "书记", "主任", "记者", "问", "答")
_POST_NAME_LINE = re.compile(
    r"^(?P<post>[区县](?:委书记|委副书记|长))[ \u3000]*(?P<name>[\u4e00-\u9fff·]{2,4})$"
)
_NARRATOR_LABEL = re.compile(
    r"^[【\[](?:解说|导语|现场|记者出镜|出镜|主持人|画外音|旁白|配音|口播|字幕)[】\]]"
)
_SIGNATURE = re.compile(r"^\s*(?:——|－－|--|—)\s*")


def _signature(paragraph: Paragraph) -> Speaker | None:
    """The speaker a signature line names: ——市商务局党组书记、局长 陈某."""
    dash = _SIGNATURE.match(paragraph.text)
    if not dash:
        return None
    rest = Paragraph(paragraph.text[dash.end() :], paragraph.start + dash.end(), paragraph.end,
                     paragraph.line)
    speaker = parse_speaker(rest)
    return speaker if speaker and speaker.speech_start < 0 and not speaker.headline else None


def _short_suffix(unit: str) -> str:
    for long, short in (("委员会", "委"), ("办公室", "办")):
        if unit.endswith(long):
            return unit[: -len(long)] + short
    return unit


def _is_subsequence(short: str, full: str) -> bool:
    remaining = iter(full)
    return all(character in remaining for character in short)


def _opens_clause(text: str, position: int) -> bool:
    """A pronoun or name tag opens a clause: 他介绍, / “……”张三说。"""
    return position == 0 or text[position - 1] in "，,。；;：:”\"’ 　"


def _is_quote_before_tag(before: str) -> bool:
    """The text before a tag is the tagged speaker's when it is a quotation closing on the tag."""
    stripped = before.strip(" \u3000，,：:")
    return stripped.startswith("“") and stripped.rstrip("，,。").endswith("”")


def _quote_start_before(text: str, start: int, end: int, followed: bool) -> int:
    """A quotation that the next tag closes (“……”张三说) is the next speaker's, not this one's."""
    if not followed:
        return end
    segment = text[start:end]
    stripped = segment.rstrip(" \u3000，,：:")
    if stripped.rstrip("，,。").endswith("”"):
        quote = segment.rfind("“")
        if quote != -1:
            return start + quote
    return end


def _is_subheading(text: str) -> bool:
    return len(text) <= 30 and not re.search(r"[，。；！？,;!?]", text)


def _is_bare_question(text: str) -> bool:
    return text.endswith(("？", "?")) and len(text) <= 120 and not text.startswith("“")


def _take_headline(block: Block) -> None:
    """The first paragraph is the headline unless the speaker line held one or it reads as prose."""
    if not block.headline and block.body and _reads_as_headline(block.body[0].text):
        headline = block.body.pop(0)
        block.headline = headline.text
        block.headline_start, block.headline_end = headline.start, headline.end
    if not block.body:
        raise ArticleParseError(
            f"The speaker on line {block.line} ({block.speaker.unit}{block.speaker.name}) is "
            "followed by no paragraph of text before the next speaker or the end of the article."
        )


def _reads_as_headline(text: str) -> bool:
    # A quotation closing on its stop (“……8家。”) is a sentence too.
    closed = text.rstrip("”’」』\"'")
    return len(text) <= _HEADLINE_MAX_LENGTH and not closed.endswith(SENTENCE_STOPS)

