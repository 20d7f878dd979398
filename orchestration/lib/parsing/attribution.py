"""Who a number is about: the issuer, a project a heading or the text names, a segment, a peer, a customer."""

from __future__ import annotations

import functools
import re

from orchestration.lib.entities import is_label
from orchestration.lib.ingest.report_title import find_report_title
from orchestration.lib.parsing.cleanup import normalise_label
from orchestration.lib.parsing.metrics import map_metric
from orchestration.lib.parsing.model import Row, Section, Table
from orchestration.lib.parsing.periods import ReportingWindow

ISSUER = "issuer"
# A heading that is a project's name ("(一)智算中心建设及运营项目") or quotes one ("“渲染云项目”").
# A project's name may carry a phase after a dash ("…研发中心项目-算力中心(一期)").
_PROJECT_NAME = re.compile(
    r"^(?P<name>[^，,。:：“”]{2,40}项目(?:[-—][^，,。:：“”()]{1,12})?(?:\([^)]{1,10}\))?)$"
    r"|“(?P<quoted>[^“”]{2,40}项目(?:[-—][^“”()]{1,12})?(?:\([^)]{1,10}\))?)”"
)
# Running text names the project a passage is about: in a sentence about the offering
# ("本次募投项目“智能算力集群建设及运营项目”") or as a sentence's subject ("“渲染云项目”的固定资产…");
# a sentence comparing it with an earlier or a peer's project names those after a marker.
QUOTED_PROJECT = re.compile(r"“(?P<name>[^“”]{2,40}项目(?:[-—][^“”()]{1,12})?(?:\([^)]{1,10}\))?)”")
# A sentence opening with the project's name: "华东智算中心建设项目总投资额为…".
_PROJECT_OPENING = re.compile(r"^\s*(?P<name>[\u4e00-\u9fffA-Za-z0-9]{2,30}?项目(?:\([^)]{1,10}\))?)")
# Words that make an opening phrase a reference to projects, not a project's name.
_REFERS_TO_PROJECTS = re.compile(r"本次|前次|募投|募集资金|上述|该项目|本项目|可比|同行业|同类|相关")
_ABOUT_THE_OFFERING = re.compile(r"本次|募投|募集资金|本项目")
_OTHER_PROJECT_MARKER = re.compile(r"(?:前次|以前|可比|同行业|同类)[^“”]{0,8}$")
# Where a project's own figures are: its forecast (效益/收益测算) sections, or a passage on 本项目.
_FORECAST_SECTION = re.compile(r"效益|收益|测算")
_THIS_PROJECT = re.compile(r"本(?:次)?(?:募投)?项目")
_MODEL_PERIOD = re.compile(r"^(?:Y\d|BUILD$|MODEL_)")
# Headings that speak about projects without naming one: "关于本次募投项目", "本项目".
_NOT_A_PROJECT_NAME = re.compile(r"^关于|^(?:本次|前次)?(?:募投|募集资金投资)?项目$|^本(?:次)?募投项目|^本项目")
SEGMENT = re.compile(r"(?:业务|服务|板块)$")
_SEGMENT_IN_LABEL = re.compile(r"(?P<segment>(?!主营业务|其他业务)[\u4e00-\u9fffA-Za-z]{2,12}?业务)")
_PEER_MARKERS = re.compile(r"可比|同行业|证券名称|证券简称|公司名称")
# The header of a table's label column that says its rows are the issuer's businesses (业务类别, 业务板块),
# also in a passage comparing the issuer with its peers.
_BUSINESS_COLUMN = re.compile(r"^(?:业务|产品)(?:类别|板块|分类|类型)")
# A label column headed by the company beside its business (公司 | 业务名称, glued): rows are companies.
_COMPANY_COLUMN = re.compile(r"^(?:公司|企业|证券)(?:名称|简称)|^公司(?:可比)?业务名称")
PEER_AVERAGE = "可比公司平均值"
_CUSTOMER = re.compile(r"^[A-Z]公司$|客户")
_ISSUER_PATTERNS = (
    re.compile(r"证券简称\s*[:：]\s*(?P<name>\S{2,10})"),
    re.compile(r"^\s*(?P<name>[^\s:：]{2,8})[:：]\s*关于"),
    re.compile(r"关于(?P<name>\S{2,30}?(?:股份)?有限公司)"),
)
_ISSUER_SEARCH_LINES = 80


class FilingContext:
    """What every fact of one filing shares: sections by line, the reporting window, the issuer."""

    def __init__(
        self, lines: list[str], sections: list[Section], window: ReportingWindow | None, issuer: str | None
    ) -> None:
        self.lines = lines
        self.default_money_unit: str | None = None
        self.window = window
        self.issuer = issuer or ISSUER
        title = find_report_title(lines)
        # "第一季度" printed bare in a quarterly table is a quarter of the report's year
        self.report_year = int(title.period[2:6] if title.period.startswith("FY") else title.period[:4]) if title else None
        self.section_at = _innermost_sections(sections, len(lines))
        self.sections = {section.section_id: section for section in sections}
        self.project_named_at = _projects_named_in_text(lines, sections)
        self._names_this_project: dict[int, bool] = {}  # by line: one search per line, not per number on it
        # by section: a heading's title is searched once, not once per number under it
        self._project_under: dict[str, str | None] = {}
        self._forecast_under: dict[str, bool] = {}

    def section_of(self, line_no: int) -> Section | None:
        return self.section_at[line_no] if 0 < line_no < len(self.section_at) else None

    def project_of(self, line_no: int) -> str | None:
        """The project an enclosing heading names, e.g. "(一)智算中心建设及运营项目"."""
        section = self.section_of(line_no)
        return self._project_of_section(section) if section is not None else None

    def _project_of_section(self, section: Section) -> str | None:
        if section.section_id not in self._project_under:
            match = _PROJECT_NAME.search(section.title)
            name = (match.group("name") or match.group("quoted")) if match else None
            if not name or _NOT_A_PROJECT_NAME.search(name):
                parent = self.sections.get(section.parent_id) if section.parent_id else None
                name = self._project_of_section(parent) if parent is not None else None
            self._project_under[section.section_id] = name
        return self._project_under[section.section_id]

    def project_in_scope(self, line_no: int, period: str | None) -> str | None:
        """The project a number belongs to: a heading's, else, for a forecast figure or one in a
        forecast section, the project the text last named (a reader carries it down the passage)."""
        project = self.project_of(line_no)
        if project or not 0 < line_no < len(self.project_named_at):
            return project
        if (period and _MODEL_PERIOD.match(period)) or self._in_forecast_section(line_no):
            return self.project_named_at[line_no]
        return None

    def _in_forecast_section(self, line_no: int) -> bool:
        section = self.section_of(line_no)
        if section is not None and self._forecast_section(section):
            return True
        if line_no not in self._names_this_project:
            self._names_this_project[line_no] = bool(_THIS_PROJECT.search(self.lines[line_no - 1]))
        return self._names_this_project[line_no]

    def _forecast_section(self, section: Section) -> bool:
        """Whether the section or one enclosing it is a forecast's."""
        if section.section_id not in self._forecast_under:
            parent = self.sections.get(section.parent_id) if section.parent_id else None
            self._forecast_under[section.section_id] = bool(_FORECAST_SECTION.search(section.title)) or (
                parent is not None and self._forecast_section(parent)
            )
        return self._forecast_under[section.section_id]


def _projects_named_in_text(lines: list[str], sections: list[Section]) -> list[str | None]:
    """For each line number, the project the text last named since its question began."""
    question_starts = {section.line_start for section in sections if section.level == 0}
    named: list[str | None] = [None] * (len(lines) + 1)
    current: str | None = None
    for line_no, line in enumerate(lines, start=1):
        if line_no in question_starts:
            current = None
        current = _project_named(line) or current
        named[line_no] = current
    return named


def _project_named(line: str) -> str | None:
    if "“" not in line:
        return project_opening(line) if _ABOUT_THE_OFFERING.search(line) else None
    about_the_offering = bool(_ABOUT_THE_OFFERING.search(line))
    for match in QUOTED_PROJECT.finditer(line):
        before = line[: match.start()]
        subject = not before.strip() or before.rstrip()[-1] in "。；;"
        if not (about_the_offering or subject) or _OTHER_PROJECT_MARKER.search(before):
            continue
        if not _NOT_A_PROJECT_NAME.search(match.group("name")):
            return match.group("name")
    return None


def project_opening(text: str) -> str | None:
    """The project a sentence or label opens with, if it names one. A name holding a measure's words
    (回款比例技有限公司车项目: a row's label, a customer's name and its project read across table cells)
    is no project's name."""
    match = _PROJECT_OPENING.match(text)
    name = match.group("name") if match else None
    return name if name and not _REFERS_TO_PROJECTS.search(name) and map_metric(name) is None else None


def _innermost_sections(sections: list[Section], line_count: int) -> list[Section | None]:
    """For each line number, the deepest section holding it; sections come parents first."""
    at: list[Section | None] = [None] * (line_count + 1)
    for section in sections:
        for line_no in range(section.line_start, min(section.line_end, line_count) + 1):
            current = at[line_no]
            if current is None or section.level >= current.level:
                at[line_no] = section
    return at


def issuer_name(lines: list[str]) -> str | None:
    head = lines[:_ISSUER_SEARCH_LINES]
    for pattern in _ISSUER_PATTERNS:
        for line in head:
            match = pattern.search(line)
            if match:
                return match.group("name")
    return None


def is_peer_table(table: Table) -> bool:
    return _names_peers(table.title, table.header_label)


@functools.lru_cache(maxsize=1 << 12)  # asked for every cell of a table
def _names_peers(title: str | None, header_label: str | None) -> bool:
    return bool(_PEER_MARKERS.search(" ".join(filter(None, [title, header_label]))))


def entity_of(
    named: str | None, table: Table | None, line_no: int, period: str | None, context: FilingContext
) -> tuple[str, str]:
    """Who a number is about: the row that names it, else the project in scope, else the issuer."""
    if named:
        return named, _entity_kind(named, table, context, line_no)
    if table is not None and is_peer_table(table):
        return context.issuer, "issuer"  # a comparison with peers is never about the offering's project
    project = context.project_in_scope(line_no, period)
    if project:
        return project, "project"
    return context.issuer, "issuer"


def _entity_kind(name: str, table: Table | None, context: FilingContext, line_no: int) -> str:
    if name == context.issuer:
        return "issuer"
    if name.startswith(f"{context.issuer}-"):
        return "segment"  # "首都在线-云计算服务": the issuer's segment in a comparison with peers
    if "项目" in name:
        return "project"
    if name == PEER_AVERAGE:
        return "peer"
    if _CUSTOMER.search(name):
        return "customer"
    if table is not None and is_peer_table(table):
        return "peer"
    section = context.section_of(line_no)
    if section is not None and _PEER_MARKERS.search(section.title):
        return _kind_in_peer_passage(name, table)
    return "segment"


def _kind_in_peer_passage(name: str, table: Table | None) -> str:
    """A row or a mention in a passage comparing the issuer with peers: a business's name (…业务) is the
    issuer's segment, anything else a peer; but a table whose label column lists businesses (业务类别)
    holds the issuer's segments, and one whose label column names companies (公司业务名称) holds peers."""
    header = normalise_label(table.header_label or "") if table is not None else ""
    if _BUSINESS_COLUMN.match(header):
        return "segment"
    if SEGMENT.search(name) and not lists_companies(table):
        return "segment"
    return "peer"


def company_of_row(row: Row, table: Table) -> str | None:
    """The company (with its business) a row of a table listing companies names: its label, which names
    no measure (元道通信通信技术服务 is a peer's business, not the technical-service cost line)."""
    label = normalise_label(row.label or "")
    if not label or row.group_label or not lists_companies(table) or is_label(label):
        return None
    return label


def lists_companies(table: Table | None) -> bool:
    """Whether the header of a table's label column says its rows are companies (公司名称, 证券简称,
    公司 | 业务名称): each row's label is then who the row is about, with its business."""
    return table is not None and bool(_COMPANY_COLUMN.match(normalise_label(table.header_label or "")))


def segment_in_label(label: str) -> str | None:
    """ "算力服务业务毛利率" is about the segment 算力服务业务; 主营业务 and 其他业务 are the company's
    revenue by nature, not segments."""
    match = _SEGMENT_IN_LABEL.search(normalise_label(label))
    return match.group("segment") if match else None
