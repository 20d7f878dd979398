from orchestration.lib.parsing.cleanup import clean, normalise_label, split_lines


def test_clean_keeps_one_line_per_stored_line_in_every_real_filing(
    feasibility_report, scraped_reply, auditor_statement, pdf_reply
):
    for text in (feasibility_report, scraped_reply, auditor_statement, pdf_reply):
        assert len(clean(text).lines) == len(text.split("\n"))


def test_split_lines_does_not_split_on_form_feeds_or_unicode_separators():
    result = split_lines("a\x0cb\u2028c\nd")

    assert result == ["a\x0cb\u2028c", "d"]


def test_page_number_glued_to_a_word_is_stripped(scraped_reply):
    lines = clean(scraped_reply).lines

    assert lines[469 - 1].startswith("司部分股份被司法拍卖")
    assert lines[43 - 1] == "问题1"


def test_page_number_glued_to_a_number_is_split_by_the_running_page_sequence(scraped_reply):
    """Page 3 follows page 2, so "390.11%" is page 3 and 90.11% (the inventory share in 2022)."""
    lines = clean(scraped_reply).lines

    assert lines[73 - 1].startswith("90.11%、84.10%")


def test_numbers_that_do_not_continue_the_page_sequence_are_kept(scraped_reply):
    """Regression: a wrapped "9" of 65777.79 and the amount 148172.80 were taken for pages."""
    lines = clean(scraped_reply).lines

    assert lines[185 - 1] == "9"
    assert lines[437 - 1].startswith("148172.80")
    assert lines[337 - 1].startswith("12未披露")  # row 12 of a numbered peer table


def test_page_ids_glued_to_text_are_stripped(auditor_statement):
    lines = clean(auditor_statement).lines

    assert lines[83 - 1] == "设备类型硬件名称单价数量单位总金额"


def test_page_marker_lines_become_blank_and_are_recorded_as_page_breaks(pdf_reply):
    result = clean(pdf_reply)

    assert result.lines[61 - 1] == ""
    assert len(result.page_breaks) == 96
    assert 3825 in result.page_breaks


def test_portal_navigation_dateline_and_footer_are_blanked_but_the_title_is_kept(scraped_reply):
    lines = clean(scraped_reply).lines

    assert lines[0] == "" and lines[2] == ""
    assert lines[5 - 1].startswith("宏景科技:关于宏景科技股份有限公司")
    assert lines[7 - 1] == ""
    assert all(line == "" for line in lines[6945 - 1 :])


def test_a_filing_without_portal_chrome_keeps_its_signature_lines(feasibility_report):
    lines = clean(feasibility_report).lines

    assert lines[278 - 1] == "2026 年 6 月 1 日"
    assert lines[276 - 1] == "董事会"


def test_normalise_label_removes_spaces_and_full_width_forms():
    assert normalise_label("2024 年 度") == "2024年度"
    assert normalise_label("单价（万元/台）") == "单价(万元/台)"


def test_numbered_table_rows_at_the_top_of_a_scrape_are_not_taken_for_pages():
    """Regression: row 1 was read as page 1, then the row id 2 of ``26.39…`` as page 2."""
    text = (
        "序号费用名称金额占比\n"
        "1设备购置费47900.2691.62%\n"
        "2软件购置费717.321.37%\n"
        "合计48617.58100.00%\n"
        "说明文字\n"
        "服务单价(万元/台/月)\n"
        "26.396.396.39\n"
        "3利用率90.0%97.5%97.5%"
    )

    lines = clean(text).lines

    assert lines[1].startswith("1设备购置费")
    assert lines[6] == "26.396.396.39"
    assert clean(text).page_breaks == frozenset()


def test_an_amount_opening_with_the_next_page_number_before_its_centred_page_number_is_kept():
    """Regression: page 2 of ``224,844,202.22…`` was stripped though the centred ``2`` ends the page below."""
    body = [f"第{k}行说明文字。" for k in range(8)]
    text = "\n".join(
        [*body, "                 1", "报告全文", "", "项目2023年2022年", "分行业", "计算机、通信和其他电子设备制造业",
         "224,844,202.2249.07%261,118,744.7658.96%", *body, "                 2"]
    )  # fmt: skip

    lines = clean(text).lines

    assert lines[14] == "224,844,202.2249.07%261,118,744.7658.96%"
    assert lines[8] == lines[-1] == ""  # both centred numbers are pages
