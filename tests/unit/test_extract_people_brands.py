"""Persons (by-lines, posts, quotes) and service brands (quoted names), incl. unseen sentences."""

from __future__ import annotations

from graph_loader.extract.brands import find_brands
from graph_loader.extract.persons import find_persons


def test_bylines_and_posts():
    text = "记者李凡 通讯员张甘秋报道\n今年6月,省人大常委会副主任、省总工会主席史济锡到梦想小镇调研。"
    names = {m.surface: m.props for m in find_persons(text)}
    assert names["李凡"]["role"] == "记者"
    assert "张甘秋" in names
    assert names["史济锡"]["title"] == "主席"


def test_masthead_grid_and_toc_bylines():
    text = "王志新 叶龙茂 叶金龙\n新“娘家人”履职不含糊 /王艳 潘仙德"
    names = {m.surface for m in find_persons(text)}
    assert {"王志新", "叶龙茂", "叶金龙", "王艳", "潘仙德"} <= names


def test_unseen_speaker_and_known_leader():
    text = "“这里很温暖。”外卖骑手陈志远说。深入学习习近平总书记重要讲话精神。"
    names = {m.surface for m in find_persons(text)}
    assert "陈志远" in names and "习近平" in names


def test_brands_are_quoted_venue_or_platform_names():
    text = "打造“e港之家”,依托“杭工e家”APP,推出“水晶卡”,以“三化”为抓手,弘扬“工匠精神”,当好“娘家人”。"
    names = {m.surface for m in find_brands(text)}
    assert {"e港之家", "杭工e家", "水晶卡"} <= names
    assert not names & {"三化", "工匠精神", "娘家人"}


def test_unseen_brand_shapes():
    text = "开设“匠心书房”,上线“甬工通”小程序,打响“1+3+N”模式和“最美职工”评选。"
    names = {m.surface for m in find_brands(text)}
    assert {"匠心书房", "甬工通"} <= names
    assert "1+3+N" not in names and "最美职工" not in names


# --- round 2A: brand lists, glued and nested quotes, slogans; posts; brand relations ---------

def _brands(text: str) -> dict[str, str]:
    return {m.props.get("canonical", m.surface): m.surface for m in find_brands(text)}


def test_unquoted_list_closed_by_brand_word():
    corpus = "举办小镇校场、小镇说法、小镇医馆、职来职往四个品牌项目为主的“小镇工匠”系列活动。"
    unseen = "推出渔港夜校、船老大说法、海岛书吧等服务品牌,深受欢迎。"
    assert {"小镇校场", "小镇说法", "小镇医馆", "职来职往"} <= set(_brands(corpus))
    assert {"渔港夜校", "船老大说法", "海岛书吧"} <= set(_brands(unseen))


def test_loose_list_closer_keeps_only_venue_names():
    corpus = "设立了群团驿家、党群服务站、亲子乐园、魅力女人集中营、科普E站、心灵咖啡等18个群团服务阵地。"
    names = set(_brands(corpus))
    assert {"群团驿家", "魅力女人集中营", "科普E站", "心灵咖啡"} <= names
    assert not names & {"党群服务站", "亲子乐园"}
    unseen = "以服务网站、微信平台建设为载体,搭建云端工作平台、创业指导平台等平台。"
    assert not _brands(unseen)


def test_parts_of_a_whole_and_planned_brands_are_not_brands():
    corpus = "阵地建设分统一思想、凝聚人心、化解矛盾、横漂风采四大板块。拟打造“影城”工匠、“演艺”之家等品牌。"
    assert not _brands(corpus)


def test_quote_runs_closed_as_brands_and_slogans():
    corpus = "扎实开展“春风行动”“小候鸟关爱”“医疗救助”“平安返乡”等品牌服务建设。"
    assert {"春风行动", "小候鸟关爱", "医疗救助", "平安返乡"} <= set(_brands(corpus))
    slogans = "广泛开展“争当主力军”劳动立功竞赛,切实“用活”阵地资源,创建“和谐引领”型职工之家,构建“1+6+N”体系。"
    assert not _brands(slogans)
    unseen = "开展“比学赶超”劳动竞赛,创建“温馨港湾”型职工之家,推出“渔嫂帮帮团”“海上说法”等服务品牌。"
    assert set(_brands(unseen)) == {"渔嫂帮帮团", "海上说法"}


def test_glued_and_nested_quotes():
    corpus = "开创“爱尚美”妇女之家项目。打造“双创”服务站。组建员工“益”家亲、绿色“星期二”志愿团队。"
    names = _brands(corpus)
    assert "爱尚美妇女之家" in names and "“双创”服务站" in names
    assert "绿色“星期二”志愿团队" in names
    for surface in names.values():
        assert surface in corpus  # evidence quotes the text as written
    unseen = "“八字桥”劳动争议多元化解平台擦亮金名片;“同心U+”红连文创园党群服务中心开放。"
    assert {"八字桥", "同心U+"} <= set(_brands(unseen))


def test_unquoted_venue_names_after_launch_verbs():
    corpus = ("建设电竞工会e家,打造小镇训练营。开通星梦直播间。"
              "构筑6C联盟职工服务中心、方红珠劳模工作室和方伟创新工作室。")
    expected = {"电竞工会e家", "星梦直播间", "6C联盟职工服务中心", "方红珠劳模工作室", "方伟创新工作室"}
    assert expected <= set(_brands(corpus))
    unseen = "开通渔歌直播间,在各党群服务中心设立服务点,建立了党群服务中心。"
    names = set(_brands(unseen))
    assert "渔歌直播间" in names and not any("党群服务中心" in n for n in names)


def test_person_name_before_a_verb_word():
    text = "省总工会副主席张兆都参加调研。全国工商联副主席鲁勇出席会议并讲话。"
    names = {m.surface for m in find_persons(text)}
    assert {"张兆都", "鲁勇"} <= names


def test_brand_practices_prefer_the_specific_reading():
    from graph_loader.extract.base import Mention
    from graph_loader.extract.rel_brands import brand_practices
    from graph_loader.reference.lexicon import BRAND

    def practices(name: str, after: str = "", closing: str = "") -> set[str]:
        m = Mention(BRAND, name, 0, len(name), {"after": after, "closing": closing})
        m.name = name
        return set(brand_practices(m))

    assert "party-mass-service-center" in practices("星光党群驿站")
    assert "rest-station" not in practices("星光党群驿站")
    assert "party-mass-service-center" in practices("东方e家", after="党群服务中心硬件优势")
    assert "rights-hotline" in practices("12351职工维权热线")
    assert "legal-aid" not in practices("12351职工维权热线")
    assert "volunteer-service" in practices("剧组店小二", closing="等志愿服务")
    assert "workers-library" in practices("海岛书屋")


def test_posts_chained_split_and_after_the_name():
    from graph_loader.extract.base import Mention
    from graph_loader.extract.context import ArticleContext
    from graph_loader.extract.rel_people import positions
    from graph_loader.reference.lexicon import PERSON, UNION

    text = "全国总工会副主席、书记处书记尹德明主持会议。东冠集团党委副书记蔡秀晴担任楼宇工会主席。"
    org1 = Mention(UNION, "全国总工会", 0, 5)
    org1.name = "中华全国总工会"
    p1 = Mention(PERSON, "尹德明", text.index("尹德明"), text.index("尹德明") + 3)
    p1.name = "尹德明"
    u = text.index("楼宇工会")
    org2 = Mention(UNION, "楼宇工会", u, u + 4)
    org2.name = "东冠楼宇工会"
    p2 = Mention(PERSON, "蔡秀晴", text.index("蔡秀晴"), text.index("蔡秀晴") + 3)
    p2.name = "蔡秀晴"
    mentions = [org1, p1, org2, p2]

    class Ctx:  # the few ArticleContext members positions() reads
        def __init__(self) -> None:
            from graph_loader.extract.base import split_sentences
            self.text = text
            self.sentences = split_sentences(text)
            self.main_union = None

        sentence_at = ArticleContext.sentence_at

    rels = positions(Ctx(), mentions)  # type: ignore[arg-type]
    pairs = {(r.head.name, r.tail.name, r.props.get("title")) for r in rels}
    assert ("尹德明", "中华全国总工会", "副主席、书记处书记") in pairs
    assert ("蔡秀晴", "东冠楼宇工会", "主席") in pairs


def test_verb_after_a_title_is_not_a_surname():
    # corpus: 由小镇党委书记任党群办主任; 区党委书记任主任
    text = "由小镇党委书记任党群办主任,区党委书记任主任、党工团妇负责人任成员。"
    assert not {m.surface for m in find_persons(text)} & {"任党群", "任主", "任成员"}
    # unseen: a real surname 任 after a title is still a name; 兼 as a verb is not
    text = "工会主席任建华说,书记兼副组长。"
    names = {m.surface for m in find_persons(text)}
    assert "任建华" in names and "兼副组" not in names


def test_counted_venues_are_not_brand_names() -> None:
    real = "活动中宣布成立“首批5家劳模工匠创新工作室”，并为其授牌。"
    assert not any(name.startswith(("首批", "5家")) for name in {m.surface for m in find_brands(real)})
    unseen = "全县建成“3个职工书屋”和“暖心驿家”服务点。"
    names = {m.surface for m in find_brands(unseen)}
    assert "3个职工书屋" not in names
