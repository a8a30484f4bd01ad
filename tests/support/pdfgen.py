"""Test PDFs printed from HTML by the headless Chromium the browser tests use.

Why print rather than draw: a real layout engine gives the PDF the same shape as a magazine page
(CSS columns, a running header, page numbers in the footer, CJK fonts embedded as subsets), so the
reader is tested on what Chromium's Skia writes, not on a PDF we built to suit it. The "fake bold"
heading is two absolutely positioned copies of the same text 0.2 px apart, which makes the PDF draw
every glyph twice at nearly the same place — the overprint that doubles characters in the corpus.
A "scanned" page is a screenshot of printed text placed as an image: no text layer at all.

The twin text is an invented union report (not gold text): two articles, each a heading and
paragraphs, one paragraph per line in the plain-text twin.
"""

from __future__ import annotations

import base64
import html
import json
import re
from pathlib import Path

import pdfplumber

from graph_loader.reference.charclass import radical_table

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
RUNNING_HEADER = "浙江工运 · 小镇工会专刊"
PUBLICATION = "测试刊物（生成的 PDF）"
DATE = "2020-06-01"

TWIN_TEXT = """嘉兴市秀洲区洪合毛衫小镇联合工会 织就职工幸福网

洪合毛衫小镇位于嘉兴市秀洲区西北部，是全国闻名的毛衫生产基地，小镇内集聚毛衫企业1200余家，从业人员3万余人，\
其中外来务工人员占七成以上。

2018年5月，在秀洲区总工会的指导下，洪合镇总工会牵头成立了洪合毛衫小镇联合工会，覆盖小镇内中小企业86家、\
职工4200余人。联合工会主席由洪合镇总工会副主席沈建明兼任，联合工会同时设立经费审查委员会和女职工委员会，\
实现了小镇职工入会全覆盖。

联合工会在小镇党群服务中心设立“工匠学堂”，邀请技术骨干和省级技能大师定期开展横机操作、毛衫设计等技能培训，\
全年培训职工1300余人次，有效提升了职工的技能水平。联合工会还建立了职工服务驿站，为户外劳动者和外来务工人员\
提供饮水、休息、充电等服务。

在维权服务方面，联合工会推行行业工资集体协商，与小镇毛衫行业协会签订工资专项集体合同，明确横机工、套口工等\
主要工种的最低工资标准，惠及职工3800余人。

长兴县太湖图影小镇工会联合会 打造工会服务新阵地

太湖图影小镇位于长兴县太湖之滨，以旅游休闲产业为主，小镇内民宿、餐饮和景区企业众多，从业人员流动性大。

2019年9月，在长兴县总工会的指导下，长兴县太湖图影小镇工会联合会正式挂牌成立，小镇工会联合会主席王丽萍介绍，\
联合会在小镇客厅设立职工之家，配备阅览室、健身室和心理咨询室，免费向小镇职工开放。

小镇工会联合会开设“工匠学堂”，围绕民宿管理、导游讲解、烹饪技艺等开展技能培训和劳动竞赛，培育了一批\
“小镇工匠”。联合会还开展“职工书屋”建设，让小镇职工在工作之余有书读、有地方学。
"""

_STYLE = """
@page { size: A5; }
body { margin: 0; font-family: 'Noto Serif CJK SC', 'Noto Sans CJK SC', serif; font-size: 17px; line-height: 1.7; }
.cols { column-count: 2; column-gap: 7mm; }
h2 { position: relative; font-size: 21px; font-weight: normal; margin: 0 0 8px; }
h2 .ghost { position: absolute; left: 0.2px; top: 0; }
p { margin: 0 0 6px; text-indent: 2em; text-align: justify; }
"""

_HEADER = f"<div style='font-size:9px;width:100%;text-align:center;font-family:serif'>{RUNNING_HEADER}</div>"
_FOOTER = "<div style='font-size:9px;width:100%;text-align:center'><span class='pageNumber'></span></div>"


def paragraphs(text: str = TWIN_TEXT) -> list[str]:
    """The blocks of the twin text, in reading order (headings and paragraphs)."""
    return [block.strip() for block in text.split("\n\n") if block.strip()]


def is_heading(block: str) -> bool:
    """Headings of the twin are the lines naming a union followed by a slogan (no full stop)."""
    return "。" not in block


def twin_html(text: str = TWIN_TEXT) -> str:
    """The twin as a two-column page: headings fake-bold (drawn twice), paragraphs indented."""
    body = []
    for block in paragraphs(text):
        escaped = html.escape(block)
        if is_heading(block):
            body.append(f"<h2><span>{escaped}</span><span class='ghost' aria-hidden='true'>{escaped}</span></h2>")
        else:
            body.append(f"<p>{escaped}</p>")
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><style>{_STYLE}</style></head>"
        f"<body><div class='cols'>{''.join(body)}</div></body></html>"
    )


def print_pdf(browser: object, page_html: str, out: Path, header_footer: bool = True) -> Path:
    """Print `page_html` to `out` (A5, with the running header and page numbers when asked)."""
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        page.set_content(page_html, wait_until="load")
        page.pdf(
            path=str(out),
            format="A5",
            display_header_footer=header_footer,
            header_template=_HEADER if header_footer else "<span></span>",
            footer_template=_FOOTER if header_footer else "<span></span>",
            margin={"top": "16mm", "bottom": "16mm", "left": "12mm", "right": "12mm"},
            print_background=True,
        )
    finally:
        page.close()
    return out


def print_scanned_pdf(browser: object, out: Path, text: str = TWIN_TEXT) -> Path:
    """A page holding only a picture of printed text (what a scanner gives): no text layer."""
    page = browser.new_page(viewport={"width": 560, "height": 800})  # type: ignore[attr-defined]
    try:
        page.set_content(twin_html(text), wait_until="load")
        png = page.screenshot(full_page=False)
    finally:
        page.close()
    src = "data:image/png;base64," + base64.b64encode(png).decode()
    return print_pdf(browser, f"<!doctype html><html><body><img src='{src}' width='500'></body></html>", out, False)


def write_twin(folder: Path, name: str, text: str = TWIN_TEXT) -> Path:
    """The plain-text twin as a corpus folder: `name`.txt and a manifest entry with the same date."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    write_manifest(folder, name, path.name)
    return path


def write_manifest(folder: Path, doc_id: str, file_name: str) -> None:
    """A manifest.json naming one document with the twin's publication, kind and date."""
    entry = {"id": doc_id, "file": file_name, "publication": PUBLICATION, "kind": "magazine issue", "date": DATE}
    (folder / "manifest.json").write_text(json.dumps({"documents": [entry]}, ensure_ascii=False), encoding="utf-8")


def page_texts(path: Path) -> list[str]:
    """Each page's text as pdfplumber alone reads it (a check independent of ukg's reader): the
    left half then the right half of the page, overprints removed (pdfplumber's dedupe_chars),
    radicals mapped, whitespace dropped."""
    texts = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            halves = (
                page.crop((0, 0, page.width / 2, page.height)),
                page.crop((page.width / 2, 0, page.width, page.height)),
            )
            text = "".join(half.dedupe_chars().extract_text() or "" for half in halves)
            texts.append(re.sub(r"\s+", "", text.translate(radical_table())))
    return texts
