from orchestration.lib.parsing.cleanup import clean
from orchestration.lib.parsing.sections import find_sections


def sections_of(text):
    return find_sections(clean(text).lines)


def test_questions_of_a_scraped_reply_are_found_once_each_despite_the_table_of_contents(scraped_reply):
    questions = [s for s in sections_of(scraped_reply) if s.level == 0]

    assert [q.marker for q in questions] == ["问题1", "问题2", "问题3", "问题4"]
    assert [q.line_start for q in questions] == [43, 5435, 6633, 6897]


def test_a_pdf_reply_has_three_questions_with_indented_headings(pdf_reply):
    questions = [s for s in sections_of(pdf_reply) if s.level == 0]

    assert [(q.marker, q.line_start) for q in questions] == [("问题1", 80), ("问题2", 234), ("问题3", 1443)]


def test_a_project_heading_sits_under_its_chapter_with_its_line_span(feasibility_report):
    sections = {s.section_id: s for s in sections_of(feasibility_report)}

    project = sections["s154"]
    assert (project.marker, project.title) == ("(一)", "智算中心建设及运营项目")
    assert (project.line_start, project.line_end) == (154, 225)
    assert sections[project.parent_id].title == "本次募集资金投资项目的具体情况"


def test_circled_numbers_are_level_five_under_their_numbered_parent(feasibility_report):
    circled = [s for s in sections_of(feasibility_report) if s.level == 5]

    assert [s.marker for s in circled] == ["①", "②", "③"]
    assert {s.parent_id for s in circled} == {"s101"}


def test_an_auditor_statement_without_questions_has_its_chapters_as_top_level(auditor_statement):
    """Known gap: 六、关于其他 is glued to the end of line 4041 by the scrape and is not found."""
    chapters = [s for s in sections_of(auditor_statement) if s.level == 1]

    assert [s.marker for s in chapters] == ["一", "二", "三", "四", "五"]
    assert chapters[0].parent_id is None
    assert chapters[0].title.startswith("关于融资规模与效益预测")


def test_table_of_contents_lines_and_table_rows_are_not_headings(auditor_statement, scraped_reply):
    starts = {s.line_start for s in sections_of(auditor_statement)}
    assert not starts & {11, 13, 15, 17, 19, 21}  # 一、关于…………第1—26页

    starts = {s.line_start for s in sections_of(scraped_reply)}
    assert not starts & {35, 37, 39}  # 问题1.......3


def test_a_numbering_run_tolerates_a_missing_item():
    lines = ["一、概况", "(一)甲", "(二)乙", "(四)丁"]

    result = [s.marker for s in find_sections(lines)]

    assert result == ["一", "(一)", "(二)", "(四)"]


def test_an_isolated_item_that_does_not_start_at_one_is_not_a_heading():
    lines = ["问题1", "(3)结合发行人算力服务业务的业务模式", "回复:", "一、说明"]

    result = [s.marker for s in find_sections(lines)]

    assert result == ["问题1", "一"]
