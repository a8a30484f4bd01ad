"""English UI strings of the pages that are not graph views: the review table, the diffusion
timeline and precedence network, and the maps (`?lang=en`).

Why a catalogue of its own: these pages are plain HTML written by hand (templates/review.html,
visualizations.diffusion, visualizations.maps) with their own words, and the catalogue of the graph
views (visualizations.lang.EN) would pass the 350-line limit with them; visualizations.lang merges
this one into EN, so `translate` and `Links.t` find both. Keys are the Chinese text the pages show
(the Chinese page is unchanged); placeholders are the same on both sides (tests/unit/test_lang.py).
"""

from __future__ import annotations

REVIEW_EN: dict[str, str] = {
    "审核抽取的关系 · review": "Review extracted edges",
    "审核抽取的关系 · review extracted edges": "Review extracted edges",
    "按抽取规则的置信度从低到高排列。接受、拒绝或更正年份会写入整理日志（需要令牌），"
    "<b>下次 <code>ukg build</code> 时生效</b>。": (
        "Least confident extraction rule first. Accepting, rejecting or fixing a year writes to the"
        " correction log (needs a token) and <b>applies at the next <code>ukg build</code></b>."
    ),
    "高亮：": "Marked: ",
    "起点 head": "head",
    "终点 tail": "tail",
    "实践 practice": "Practice",
    "关系类型 type": "Relationship type",
    "地区 region": "Region",
    "状态 status": "Status",
    "（全部）": "(all)",
    "每页": "Per page",
    "筛选": "Filter",
    "共 {total} 条关系，显示第 {first}–{last} 条。": "{total} edges; {first}–{last} shown.",
    "关系 type": "Relationship",
    "置信度": "Confidence",
    "规则 rule": "Rule",
    "状态": "Status",
    "年份": "Year",
    "证据 evidence": "Evidence",
    "审核 review": "Review",
    "共 {n} 条证据": "{n} pieces of evidence",
    "（无证据句）": "(no evidence sentence)",
    "接受 accept": "Accept",
    "拒绝 reject": "Reject",
    "改年份 fix year": "Fix year",
    "没有符合筛选的关系 · nothing to review here.": "Nothing to review under these filters.",
    "← 上一页": "← Previous page",
    "下一页 →": "Next page →",
    # review statuses (visualizations.review.STATUS_ZH)
    "未审核": "not reviewed",
    "已确认": "confirmed",
    "已更正": "corrected",
    "人工添加": "added by hand",
    # review.html's script
    "日志中 · logged: ": "Logged: ",
    "（{author}，{time}） ": " ({author}, {time}) ",
    "撤销 revert": "Revert",
    "整理日志不可读：": "The correction log cannot be read: ",
    "本页有 {n} 条已记录的更正。": "{n} logged corrections on this page.",
    # curate.html's token form (the review page and the entity view)
    "整理令牌 token": "Curation token",
    "使用 use": "Use",
    "未设置 · no token": "no token",
    "忘记 forget": "Forget",
    "由 <code>ukg token create 名字</code> 生成；只保存在本标签页（sessionStorage）。": (
        "Made by <code>ukg token create NAME</code>; kept in this tab only (sessionStorage)."
    ),
}

DIFFUSION_EN: dict[str, str] = {
    "{name}（{practice}）的扩散": "Diffusion of {name} ({practice})",
    "采用 {n} 次（未定年 {undated}）· 首个采用者：{first}": (
        "{n} adoptions ({undated} undated) · first adopters: {first}"
    ),
    "按城市：{cities}": "By city: {cities}",
    "采用时间线": "Adoption timeline",
    "实心点：证据写明年份（stated）；空心点：以文章日期为准（article）。颜色区分城市。": (
        "Filled dot: the evidence states the year (stated); hollow dot: the article's date (article)."
        " Colours tell the cities apart."
    ),
    "采用曲线": "Adoption curve",
    "累计采用 {top}（红线）· 当年采用（柱）": "Cumulative adopters {top} (red line) · adoptions per year (bars)",
    "明确的推广表述（SPREAD_TO）": "Explicit statements of spread (SPREAD_TO)",
    "文本直接说“推广至/复制推广”的，与上面按时间推断的顺序分开列出。": (
        "Where a text says outright that a practice was extended or copied to a place, listed apart from"
        " the order inferred from the dates above."
    ),
    "文本中没有明确的推广表述。": "The texts state no explicit spread.",
    "采用事件与证据": "Adoption events and evidence",
    "方法与局限见 docs/diffusion.md。": "Method and limits: docs/diffusion.md.",
    "日期依据": "Date basis",
    "组织": "Organisation",
    "县（区）": "County",
    "城市": "City",
    # the precedence network
    "先于（显著）": "precedes (significant)",
    "实践扩散的先后网络（城市）· precedence network": "Precedence network of practice diffusion (cities)",
    "实践扩散的先后网络（县（区））· precedence network": "Precedence network of practice diffusion (counties)",
    "显著的先后关系（α={alpha}，至少 {min_weight} 项实践）": (
        "Significant precedences (α={alpha}, at least {min_weight} practices)"
    ),
    "检验 {tested} 对；打乱采用年份后同一方法平均画出 {chance} 条边（{shuffles} 次，seed {seed}）。": (
        "{tested} pairs tested; with the adoption years shuffled, the same method draws {chance} edges on"
        " average ({shuffles} shuffles, seed {seed})."
    ),
    "最接近显著的其他地区对 · closest pairs that are not significant": "Closest pairs that are not significant",
    "先:后 = 两端都有界的已确定先后中，先者在前 : 后者在前（符号检验，零假设下各 1/2）；"
    "单侧 = 已确定但只能单向成立的先后（不计入）。 first:second = counted orders each way (sign test).": (
        "first:second = of the established orders between intervals bounded at both ends, the first region"
        " ahead : the second ahead (sign test, 1/2 each under the null); one-sided = established orders that"
        " could only hold one way (not counted)."
    ),
    "先": "First",
    "后": "Second",
    "先:后": "first:second",
    "确定/未知/同时": "established/unknown/tied",
    "单侧": "one-sided",
    "共同实践": "shared practices",
    "平均滞后（年）": "mean lag (years)",
    "直接": "direct",
    "实践（先者在前）": "practices (first region ahead)",
    "创新性（越早采用越高）": "Innovativeness (higher: adopted earlier)",
    "地区": "Region",
    "得分": "Score",
    "平均滞后": "Mean lag",
    "共有实践": "Shared practices",
    "首个采用": "First adoptions",
    "独有实践": "Sole adoptions",
}

MAP_EN: dict[str, str] = {
    "{name}（{practice}）的采用地图": "Where {name} ({practice}) was adopted",
    "各地采用的实践数 · practices adopted per region": "Practices adopted per region",
    "年份 year ≤": "Year ≤",
    "没有带日期的采用 · no dated adoption": "No dated adoption",
    "实心：文本写明年份 stated": "Solid: the text states the year",
    "斜线：仅知“不晚于”（文章日期，或区内另有时间未知的采用者） no later than": (
        "Hatched: known only as “no later than” (an article date, or another adopter of unknown date in the region)"
    ),
    "未见报道 not reported": "Not reported",
    "已报道采用的城市 {cities} 个、区县 {counties} 个（另有 {unplaced} 次采用无法落到地图上，如省级机构）。"
    "颜色为最晚可能年份；文章日期只说明“不晚于”，并非开始时间。悬停查看采用者与证据，点击进入地区视图。": (
        "Adoption reported in {cities} cities and {counties} counties ({unplaced} more adoptions cannot be placed"
        " on the map, e.g. provincial bodies). The colour is the latest possible year; an article date says only"
        " “no later than”, not when it began. Hover for the adopters and evidence; click for the region view."
    ),
    "每个区县（或城市）按文本报道的不同实践数着色；只计落在该地的组织。悬停查看实践，点击进入地区视图。": (
        "Each county (or city) is coloured by the number of distinct practices the texts report there; only"
        " organisations located there count. Hover for the practices; click for the region view."
    ),
    "区县 counties": "Counties",
    "城市 cities": "Cities",
    "边界：{source}，简化后绘制；方法与局限见 docs/diffusion.md。": (
        "Boundaries: {source}, simplified; method and limits: docs/diffusion.md."
    ),
    # maps.py's script (the tooltip)
    "未见报道 · not reported": "not reported",
    " 项实践 · ": " practices · ",
    " 个组织": " organisations",
    "（写明 stated；区内其他采用者时间未知）": " (stated; other adopters in the region undated)",
    "（文章日期 article）": " (article date)",
    "（写明 stated）": " (stated)",
    " 之后、": " or later, ",
    "不晚于 ": "no later than ",
    "首次采用：": "First adoption: ",
    "另有 {n} 个采用者": "{n} more adopters",
    "、": ", ",
}

# the index's links to the maps (templates/index.html)
INDEX_EN: dict[str, str] = {
    "地图 · Maps": "Maps",
    "各区县采用的实践数 · practices adopted per county": "Practices adopted per county",
    "工匠学堂的采用地图 · where craftsman schools were adopted": "Where craftsman schools were adopted",
    "/views/diffusion/map/{practice}: 按首次采用年份着色，带年份滑块 · coloured by year, with a year slider": (
        "/views/diffusion/map/{practice}: coloured by the year of first adoption, with a year slider"
    ),
}

PAGES_EN: dict[str, str] = {**REVIEW_EN, **DIFFUSION_EN, **MAP_EN, **INDEX_EN}
