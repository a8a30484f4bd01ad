"""Repair rules on real corpus lines: doubled bold, spacing, joining, repeats, marks, width.

Every example string below is copied from /work/shared/corpus (the file is named above it),
so each rule is tested on the damage it was written for. Whole documents, the offset map and
the normalisation properties are in test_normalize_documents.py.
"""

from __future__ import annotations

import pytest

from graph_loader.text.normalize import doubled, normalize, normalize_text
from graph_loader.text.normalize.marks import end_mark_positions
from graph_loader.text.sources import load_document
from tests.support.normalize import assert_offsets_point_at_sources, doc, norm
from tests.support.paths import CORPUS, needs_corpus

# --------------------------------------------------------------------------- doubled bold


class TestDoubled:
    def test_doubled_lead_paragraph(self) -> None:
        # 2022-reform-projects.txt
        raw = "惟改革者进惟改革者进，，惟创新者强惟创新者强，，惟改革创新者胜惟改革创新者胜。。"
        assert norm(raw) == "惟改革者进，惟创新者强，惟改革创新者胜。"

    def test_doubled_heading_with_space(self) -> None:
        assert norm(" 强基固本强基固本 变革重塑变革重塑") == "强基固本 变革重塑"
        assert norm("打造创新创优的品牌工会打造创新创优的品牌工会") == "打造创新创优的品牌工会"

    def test_doubled_short_names_then_letter_spacing(self) -> None:
        assert norm("周周 静静 阮向民阮向民") == "周静 阮向民"

    def test_doubled_digits_and_punctuation(self) -> None:
        raw = (
            "99月月2020日日，，"
            "第二届全省工会改革创新项目展评活动在平湖举行第二届全省工会改革创新项目展评活动在平湖举行。。"
        )
        assert norm(raw) == "9月20日，第二届全省工会改革创新项目展评活动在平湖举行。"

    def test_doubled_quote_comma_pairs(self) -> None:
        raw = (
            "诚服务职工群众诚服务职工群众，，聚焦聚焦““急难愁盼急难愁盼”，”，"
            "助力共同富裕的新举措助力共同富裕的新举措。。"
        )
        assert norm(raw) == "诚服务职工群众，聚焦“急难愁盼”，助力共同富裕的新举措。"

    @pytest.mark.parametrize(
        "line",
        [
            # legitimate repeats must survive (2018-zjgy-407-408.txt, 2024-ningbo-grassroots.txt)
            "梦多多小镇依托森马集团的平台优势、资金优势和巴拉巴拉的渠道优势、品牌优势。",
            "突出问题,树立问题导向,一个问题一个问题地研究,一个问题一个问题地攻克。",
            "非常欢迎他们与企业常来常往、常往常新。",
            "今年年初，舟山定海工业园区被省委列入基层群团改革市级试点单位。",
            "天天向上，人人参与，常常交流。",
            "人人都是工会的主人。",
        ],
    )
    def test_legitimate_repeats_are_kept(self, line: str) -> None:
        assert norm(line) == line

    def test_undouble_refuses_ordinary_lines(self) -> None:
        assert doubled.undouble("天天") is None
        assert doubled.undouble("研究研究这个问题。") is None

    def test_offsets_point_at_first_copy(self) -> None:
        raw = "强基固本强基固本 变革重塑变革重塑"
        text, offsets, _ = normalize_text(raw)
        assert text == "强基固本 变革重塑"
        assert list(offsets[:4]) == [0, 1, 2, 3]
        assert offsets[5] == raw.index("变革重塑")
        assert_offsets_point_at_sources(raw, text, offsets)


# --------------------------------------------------------------------------- spacing


class TestSpacing:
    def test_letter_spaced_run(self) -> None:
        # 2022-reform-projects.txt
        assert norm("发 展 零 散 灵 活 就 业 新 业 态 会 员") == "发展零散灵活就业新业态会员"

    def test_number_then_measure_word(self) -> None:
        assert norm("2019 年底，浙江省海港集团工会。") == "2019年底，浙江省海港集团工会。"
        assert (
            norm("联盟陆续吸收了上海港等 14 家大型港口加入。") == "联盟陆续吸收了上海港等14家大型港口加入。"
        )
        assert norm("2018 年 12 月 10 日出版") == "2018年12月10日出版"

    def test_latin_words_and_title_parts_keep_their_spaces(self) -> None:
        assert norm("LABOUR MOVEMENT OF ZHEJIANG") == "LABOUR MOVEMENT OF ZHEJIANG"
        assert norm("点亮一盏灯 照亮一大片") == "点亮一盏灯 照亮一大片"
        line = "同时,科学创新工作管理方法,用智慧撬动改革,用技术武装工作,努力实现工作方法 with 职工日常。"
        assert norm(line) == line

    def test_table_of_contents_page_numbers_keep_their_space(self) -> None:
        assert norm("- 10 杭州市下城区武林商圈工会") == "- 10 杭州市下城区武林商圈工会"

    def test_tabs_and_ideographic_spaces(self) -> None:
        # 2018-zjgy-407-408.txt (editorial board, tab separated)
        assert norm("赵祖地\t胡 柯\t郇卓均") == "赵祖地 胡柯 郇卓均"
        assert norm("主办\u3000浙江省总工会") == "主办 浙江省总工会"


# --------------------------------------------------------------------------- line joining


class TestJoining:
    def test_page_break_inside_a_magazine_paragraph(self) -> None:
        # 2018-zjgy-407-408.txt
        raw = (
            "以特色小镇为例,2017年省级创建小镇总产值6930亿元,税收389.7亿元,总产值超百亿元的有10个,税\n\n"
            "收超10亿元的有6个,涵盖非公企业3万多家、社会组织500多个。"
        )
        assert norm(raw) == raw.replace("\n\n", "")

    def test_line_ending_in_a_function_word_continues(self) -> None:
        raw = "在健全完善线下工会阵地的\n\n基础上,实现线上线下互动、职工与工会者互动。"
        assert norm(raw) == "在健全完善线下工会阵地的基础上,实现线上线下互动、职工与工会者互动。"

    def test_unit_heading_is_not_glued_to_its_body(self) -> None:
        raw = (
            "步提升了工会组织的影响力。**1**\n\n杭州市拱墅区科技工业功能区总工会\n\n"
            "2017年12月31日,功能区总工会换届选举,选出主席1名、副主席2名(兼职1名)。"
        )
        assert norm(raw).split("\n") == [
            "步提升了工会组织的影响力。",
            "杭州市拱墅区科技工业功能区总工会",
            "2017年12月31日,功能区总工会换届选举,选出主席1名、副主席2名(兼职1名)。",
        ]

    def test_subheading_stays_on_its_own_line(self) -> None:
        raw = "得到有效提升。\n\n以志愿者联盟为纽带\n\n小镇工会依托埭溪镇总工会组织志愿者。"
        assert norm(raw).split("\n")[1] == "以志愿者联盟为纽带"

    def test_by_line_stays_on_its_own_line(self) -> None:
        raw = (
            "杭州市下城区武林商圈工会 “杭州之心”的娘家情怀\n\n■ 特约记者 洪茵婷\n\n\n\n"
            "杭州市下城区天水街道总工会高举旗帜。"
        )
        assert norm(raw).split("\n") == [
            "杭州市下城区武林商圈工会 “杭州之心”的娘家情怀",
            "特约记者 洪茵婷",
            "杭州市下城区天水街道总工会高举旗帜。",
        ]

    @needs_corpus
    def test_newspaper_columns_are_joined_but_headings_are_not(self) -> None:
        text = normalize(load_document(CORPUS / "2022-reform-projects.txt")).text
        lines = text.split("\n")
        assert (
            "2019年底，浙江省海港集团工会、宁波舟山港集团工会与曹妃甸港集团工会探索建立了"
            "“全国港口工匠创新联盟”。成立两年来，联盟陆续吸收了上海港等14家大型港口加入，"
            "并广泛吸收企业、科研机构、高等院校的资源和力量，成为全国首个港口行业跨区域、"
            "跨领域的技术技能创新工作平台及首批全国产业工人队伍建设改革试点项目之一。"
        ) in lines
        # a cut title is joined, its unit line is kept apart
        position = lines.index("舟山市总工会")
        assert lines[position + 1] == "岛际一体构建海岛特色劳动争议多元化解新格局"
        assert lines[position + 2] == "天台县总工会"
        assert lines[position + 3] == "企业工会指导员“三重保障”助力经济稳进提质"
        assert "目前，全市建成各类新业态联合工会69家，发展零散灵活就业新业态会员15435人。" in text
        # the first line of the next blurb is not glued to the previous title
        position = lines.index("省建设建材工会")
        assert lines[position + 1 : position + 4] == [
            "浙江一建社会主义核心价值观大讲堂",
            "凝聚重大项目高质量建设强大思想动能",
            "景宁是全国唯一畲族自治县。",
        ]


# --------------------------------------------------------------------------- repeats


class TestRepeats:
    def test_heading_repeated_by_column_interleaving(self) -> None:
        # 2022-reform-projects.txt
        raw = (
            "了规章制度、完成发展规划。\n\n浙江省省部属企事业工会\n省海港集团创新打造“全国港口工匠创新联盟”\n"
            "浙江省省部属企事业工会\n省海港集团创新打造“全国港口工匠创新联盟”\n\n今年8月，东阳市振兴路地摊经济联合工会成立两周年。"
        )
        assert norm(raw).split("\n") == [
            "了规章制度、完成发展规划。",
            "浙江省省部属企事业工会",
            "省海港集团创新打造“全国港口工匠创新联盟”",
            "今年8月，东阳市振兴路地摊经济联合工会成立两周年。",
        ]

    def test_repeat_separated_by_a_blank_line(self) -> None:
        raw = (
            "台州市椒江区总工会\n“十匠”共筑“工匠之城”\n"
            "台州市椒江区总工会\n\n“十匠”共筑“工匠之城”\n\n为维护权益。"
        )
        assert norm(raw).split("\n") == ["台州市椒江区总工会", "“十匠”共筑“工匠之城”", "为维护权益。"]

    def test_long_paragraph_repeated_further_down_is_kept_once(self) -> None:
        # 2022-huzhou-alliances.txt
        paragraph = (
            "正是有了马军这样的好师父们的“传帮带”下，北一集司龙门吊班一大批新司机获得成长，"
            "这也是宁波海员建设工会“新型带徒制”给企业带来的喜人局面。"
        )
        other = "从“指尖”延伸入“心尖”\n\n本报讯 记者张浩星报道 “名师出高徒”。"
        raw = f"{paragraph}\n\n{other}\n\n{paragraph}\n\n松阳茶王争霸"
        assert norm(raw).count(paragraph) == 1

    def test_short_repeated_lines_at_a_distance_are_kept(self) -> None:
        raw = (
            "10月31日\n省总工会第十五届常务委员会举行第三次全体会议。\n10月31日\n张才方会见日本栃木县代表团。"
        )
        assert norm(raw).count("10月31日") == 2


# --------------------------------------------------------------------------- marks


class TestMarks:
    @pytest.mark.parametrize(
        ("raw", "expected"),
        [
            ("制可推广的经验做法和长效机制。**■**", "制可推广的经验做法和长效机制。"),
            ("营造和谐的充满关爱的氛围。^[1]", "营造和谐的充满关爱的氛围。"),
            ("力打造全省首个“零欠薪园区”。**1**", "力打造全省首个“零欠薪园区”。"),
            ("工会动起来、活起来、强起来。 **I**", "工会动起来、活起来、强起来。"),
            ("转型升级、创新发展的强大力量。■", "转型升级、创新发展的强大力量。"),
            ("■ 特约记者 洪茵婷", "特约记者 洪茵婷"),
            ("■特约记者 张浩呈", "特约记者 张浩呈"),
            ("□ 记者 李凡 通讯员 张甘秋", "记者 李凡 通讯员 张甘秋"),
        ],
    )
    def test_marks_removed(self, raw: str, expected: str) -> None:
        assert norm(raw) == expected

    def test_end_marks_are_found_again_through_the_offset_map(self) -> None:
        raw = "力打造全省首个“零欠薪园区”。**1**\n\n龙游县(龙天)红木小镇工会 新“娘家人”履职不含糊\n"
        text, offsets, _ = normalize_text(raw)
        positions = end_mark_positions(raw, offsets)
        assert positions == [text.index("\n")]


# --------------------------------------------------------------------------- width, truncation


class TestWidthAndTruncation:
    def test_full_width_digits_and_letters_become_ascii(self) -> None:
        assert (
            norm("２０１９年，杭工ｅ家ＡＰＰ上线，覆盖率１００％。") == "2019年，杭工e家APP上线，覆盖率100%。"
        )

    def test_chinese_punctuation_stays_full_width(self) -> None:
        line = "在思想引领上扛起“工会责任”，《规范》明确了（职工）服务：阵地、体系；服务。"
        assert norm(line) == line

    def test_truncated_line_is_flagged_with_its_raw_span(self) -> None:
        raw = "同时,科学创新工作管理方法,用智慧撬动改革\ufffd\n下一段。"
        text, offsets, flags = normalize_text(raw)
        assert "\ufffd" not in text
        assert [f.rule for f in flags] == ["truncation"]
        flag = flags[0]
        assert raw[flag.raw_start : flag.raw_end].startswith("同时") and raw[flag.raw_end - 1] == "\ufffd"
        document = normalize(doc(raw))
        assert document.flags == tuple(flags)

    def test_crlf_line_ends(self) -> None:
        raw = "杭州市富阳区硅谷小镇工会\r\n\r\n8月23日,硅谷小镇召开群团组织成立大会。\r\n"
        text, offsets, _ = normalize_text(raw)
        assert text == "杭州市富阳区硅谷小镇工会\n8月23日,硅谷小镇召开群团组织成立大会。"
        assert_offsets_point_at_sources(raw, text, offsets)
