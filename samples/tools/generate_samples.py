#!/usr/bin/env python3
"""Generates samples/portals/* and samples/expected.yaml from one description, so the pages and their truth
cannot drift apart. Re-run after editing: python3 samples/tools/generate_samples.py

Dates are never written literally: pages carry {{date:<offset>}} placeholders and dated paths carry
[date<offset>.yyyyMM] segments, rendered by Openness.SamplePortals.DateTemplate relative to the demo's as-of day.
The markup follows the real pages in shared/corpus/real-pages (beside the repository) (TRS WCM lists with createPageHTML pagers,
福建集约化 index_box metadata, gov.cn bd1 metadata table, 邯郸 commented-out 成文日期).
"""
import json
import os
import shutil
from html import escape

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), ".."))
PORTALS = os.path.join(ROOT, "portals")

# The TRS WCM pager exactly as the zhangshu page carries it (the definition sits in every list page).
CREATE_PAGE_HTML = r'''<script language="javascript">
<!--
function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt)
{
//定义翻页的字体样式
var styleDIY = "fystyle";
if(_nPageCount == null || _nPageCount<=0){
return;
}
if(_nPageCount==1)
	document.write("<font class=\"" + styleDIY +"\">首页</font> <font class=\"" + styleDIY +"\">上一页</font> <font class=\"" + styleDIY +"\">下一页</font> <font class=\"" + styleDIY +"\">尾页</font>")
else
{
	if (_nCurrIndex==0)
		document.write("<font class=\"" + styleDIY +"\">首页</font> <font class=\"" + styleDIY +"\">上一页</font> <a href=\""+_sPageName+"_" + (_nCurrIndex+1) + "."+_sPageExt+"\" class=\"" + styleDIY +"\">下一页</a> <a href=\""+_sPageName+"_" + (_nPageCount-1) + "."+_sPageExt+"\" class=\"" + styleDIY +"\">尾页</a>")
	else
	{
		var prev = (_nCurrIndex==1) ? _sPageName+"."+_sPageExt : _sPageName+"_" + (_nCurrIndex-1) + "."+_sPageExt;
		var first = "<a href=\""+_sPageName+"."+_sPageExt+"\" class=\"" + styleDIY +"\">首页</a> <a href=\""+prev+"\" class=\"" + styleDIY +"\">上一页</a> ";
		if (_nCurrIndex<_nPageCount-1)
			document.write(first + "<a href=\""+_sPageName+"_" + (_nCurrIndex+1) + "."+_sPageExt+"\" class=\"" + styleDIY +"\">下一页</a> <a href=\""+_sPageName+"_" + (_nPageCount-1) + "."+_sPageExt+"\" class=\"" + styleDIY +"\">尾页</a>")
		else
			document.write(first + "<font class=\"" + styleDIY +"\">下一页</font> <font class=\"" + styleDIY +"\">尾页</font>")
	}
}
document.write("　<font class=\"" + styleDIY +"\">总共" + _nPageCount + "页</font>　");
document.write("<font class=\"" + styleDIY +"\">当前第" + (_nCurrIndex+1) + "页</font>　");
document.write("<select name=\"select\" style=\"margin-bottom:-3px;\" onchange=\"location.replace(this.value)\">");
document.write("<option selected >转到</option>");
for(var i=0; i<_nPageCount; i++)
{
	if(i==0)
		document.write("<option value=\""+_sPageName+"."+_sPageExt+"\">第1页</option>");
	else
		document.write("<option value=\""+_sPageName+"_" + i + "."+_sPageExt+"\">第"+(i+1)+"页</option>");
}
document.write("</select>");
} //WCM置标
-->
</script>'''

PAGE_SIZE = 10

# canonical id -> (shown name in nav (may contain <br>), path code, parent)
COLUMN_DEFS = {
    "disclosure-guide": ("政府信息<br>公开指南", "zfxxgkzn", None),
    "disclosure-rules": ("政府信息<br>公开制度", "zfxxgkzd", None),
    "statutory-content": ("法定主动<br>公开内容", "fdzdgknr", None),
    "institution-functions": ("机构职能", "jgzn", "statutory-content"),
    "plans": ("规划计划", "ghjh", "statutory-content"),
    "personnel": ("人事信息", "rsxx", "statutory-content"),
    "powers-list": ("权责清单", "qzqd", "statutory-content"),
    "budget-final-accounts": ("财政预决算", "czyjs", "statutory-content"),
    "proposals-handling": ("建议提案办理", "jytabl", "statutory-content"),
    "major-projects": ("重大建设项目", "zdjsxm", "statutory-content"),
    "double-random": ("双随机<br>一公开", "ssjygk", "statutory-content"),
    "annual-report": ("政府信息<br>公开年报", "zfxxgknb", None),
    "policy-documents": ("政策文件", "zcwj", None),
    "normative-documents": ("行政规范性<br>文件", "xzgfxwj", None),
    "policy-interpretation": ("政策解读", "zcjd", None),
    "notices": ("通知公告", "tzgg", None),
    "work-news": ("工作动态", "gzdt", None),
    "service-guide": ("办事指南", "bszn", None),
    "interaction": ("互动交流", "hdjl", None),
    "disclosure-on-request": ("依申请<br>公开", "ysqgk", None),
}
NAV_ORDER = ["disclosure-guide", "disclosure-rules", "statutory-content", "annual-report", "policy-documents",
             "normative-documents", "policy-interpretation", "notices", "work-news", "service-guide", "interaction",
             "disclosure-on-request"]
SUB_ORDER = [c for c, d in COLUMN_DEFS.items() if d[2] == "statutory-content"]

TITLES = {
    "disclosure-guide": ["{u}政府信息公开指南"],
    "work-news": ["{u}召开{y}年第{n}次党组会议", "{u}开展“安全生产月”专项检查", "{u}部署秋冬季重点工作", "{u}赴乡镇开展调研督导",
                  "{u}召开政务公开工作推进会", "{u}组织开展法治宣传进社区活动", "{u}召开优化营商环境工作会议", "{u}举办业务能力提升培训班",
                  "{u}开展防汛应急演练", "{u}召开干部作风建设专题会议"],
    "notices": ["关于开展{y}年度统计执法检查的通知", "关于做好元旦春节期间值班工作的通知", "关于公开征求意见的公告",
                "关于调整办公地点的公告", "关于开展政务公开满意度调查的通知", "关于{y}年度政府购买服务项目的公示"],
    "policy-documents": ["{u}关于印发《促进民营经济高质量发展若干措施》的通知", "{u}关于进一步优化营商环境的实施意见",
                         "{u}关于印发《农村人居环境整治提升实施方案》的通知", "{u}关于加强安全生产工作的意见",
                         "{u}关于印发《数字政府建设实施方案》的通知", "{u}关于做好稳就业工作的通知",
                         "{u}关于推进全民健身工作的实施意见", "{u}关于印发《城乡供水一体化实施方案》的通知",
                         "{u}关于印发《耕地保护目标责任制考核办法》的通知", "{u}关于加快发展养老服务业的实施意见",
                         "{u}关于印发《城市更新行动实施方案》的通知", "{u}关于进一步做好防汛抗旱工作的通知",
                         "{u}关于印发《县域商业体系建设方案》的通知", "{u}关于支持返乡入乡创业的实施意见",
                         "{u}关于印发《生活垃圾分类工作方案》的通知"],
    "normative-documents": ["{u}关于印发《财政专项资金管理办法》的通知", "{u}关于印发《行政执法公示办法》的通知",
                            "{u}关于印发《政府投资项目管理规定》的通知", "{u}关于印发《重大行政决策程序规定》的通知",
                            "{u}关于印发《国有资产管理暂行办法》的通知"],
    "disclosure-rules": ["{u}政府信息主动公开制度", "{u}政府信息公开保密审查制度", "{u}政府信息依申请公开工作制度"],
    "institution-functions": ["{u}主要职责", "{u}内设机构及职能"],
    "plans": ["{u}{y}年工作要点", "{u}“十四五”发展规划中期评估报告", "{u}{y}年重点工作计划", "{u}{y}年上半年工作总结"],
    "personnel": ["{u}领导分工", "关于拟任职干部的公示", "{u}{y}年公开招聘工作人员公告", "{u}事业单位人员调整情况公示", "{u}干部任免信息"],
    "powers-list": ["{u}权责清单（{y}年版）", "{u}行政许可事项清单", "{u}行政处罚事项清单"],
    "budget-final-accounts": ["{u}{y}年部门预算公开", "{u}{y}年部门决算公开", "{u}{y}年“三公”经费预算说明", "{u}{y}年政府采购意向公开",
                              "{u}{y}年专项资金分配结果公示", "{u}{y}年财政预算执行情况"],
    "proposals-handling": ["对县人大{y}年第{n}号建议的答复", "对县政协{y}年第{n}号提案的答复"],
    "major-projects": ["{u}重大建设项目批准和实施信息（第{n}批）", "{u}重点项目建设进展情况（第{n}期）"],
    "double-random": ["{u}{y}年度“双随机、一公开”抽查计划", "{u}“双随机、一公开”抽查结果公示（第{n}批）"],
    "service-guide": ["个体工商户登记办事指南", "统计登记证明办理指南", "政府信息公开申请办理指南", "行政许可事项办理指南"],
    "interaction": ["关于小区周边道路维修的留言答复", "关于办事大厅办理时间的咨询答复", "关于农村低保申请条件的咨询答复",
                    "关于学校招生范围的留言答复", "关于企业补贴申报的咨询答复"],
    "disclosure-on-request": ["政府信息公开申请表", "依申请公开办理流程"],
}


def title_for(col, i, unit_short):
    pool = TITLES[col]
    t = pool[i % len(pool)]
    # Dated titles carry the year of the item itself (rendered later), numbered ones a running number.
    return t.replace("{u}", unit_short).replace("{n}", str(i + 1))


def spread(n, newest, oldest=-355):
    if n == 1:
        return [newest]
    step = (oldest - newest) / (n - 1)
    return [round(newest + i * step) for i in range(n)]


def d(o, fmt=None):
    return "{{date:%d%s}}" % (o, ":" + fmt if fmt else "")


def dated_file(o, docid):
    return "[date%+d.yyyyMM]/t[date%+d.yyyyMMdd]_%d.html" % (o, o, docid)


def dated_href(o, docid):
    return "{{date:%d:yyyyMM}}/t{{date:%d:yyyyMMdd}}_%d.html" % (o, o, docid)


def hanweb_href(o, col, docid):
    return "/art/{{date:%d:yyyy}}/{{date:%d:M}}/{{date:%d:d}}/art_%d_%d.html" % (o, o, o, col, docid)


def hanweb_file(o, col, docid):
    return "art/[date%+d.yyyy]/[date%+d.M]/[date%+d.d]/art_%d_%d.html" % (o, o, o, col, docid)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


class Unit:
    def __init__(self, uid, name, short, domain, code, zwgk, style):
        self.id, self.name, self.short, self.domain, self.code = uid, name, short, domain, code
        self.zwgk = zwgk          # folder of the disclosure platform, e.g. "zwgk"
        self.style = style        # "fj" (index_box) or "govcn" (bd1 table)
        self.columns = {}         # id -> dict(items=[...], status, ...)
        self.docid = 1000
        self.truth = {"columns": {}, "documents": {"missingInterpretation": [], "lateInterpretation": [], "incompleteMetadata": [],
                                                   "latePublication": []}}
        self.hanweb = None        # canonical id -> Hanweb JCMS column id, for the Hanweb unit
        self.platform = "/%s/" % zwgk

    def next_id(self):
        self.docid += 1
        return self.docid

    def col_path(self, cid):
        if self.hanweb:
            return "/col/col%d/index.html" % self.hanweb[cid]
        name, code, parent = COLUMN_DEFS[cid]
        if parent:
            return "/%s/%s/%s/" % (self.zwgk, COLUMN_DEFS[parent][1], code)
        return "/%s/%s/" % (self.zwgk, code)

    def col_name(self, cid):
        return COLUMN_DEFS[cid][0].replace("<br>", "")

    def item_path(self, cid, item):
        if self.hanweb:
            return "/" + item["href"] if "href" in item else hanweb_href(item["pub"], self.hanweb[cid], item["id"])
        if "file" in item:
            return self.col_path(cid) + item["href"]
        return self.col_path(cid) + dated_href(item["pub"], item["id"])


def metas(u, column, title=None, pub=None, source=None):
    m = ['<meta name="SiteName" content="%s"/>' % u.name, '<meta name="SiteDomain" content="%s"/>' % u.domain,
         '<meta name="SiteIDCode" content="%s"/>' % u.code, '<meta name="ColumnName" content="%s"/>' % column,
         '<meta name="ColumnType" content="%s"/>' % column]
    if title:
        m += ['<meta name="ArticleTitle" content="%s"/>' % escape(title), '<meta name="PubDate" content="%s %s"/>' % (pub, "09:30"),
              '<meta name="ContentSource" content="%s"/>' % (source or u.name)]
    return "\n".join(m)


def page(u, head_title, meta, body):
    return """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8" />
<meta http-equiv="X-UA-Compatible" content="IE=Edge" />
<title>%s</title>
%s
<link rel="stylesheet" type="text/css" href="/images/style.css" />
</head>
<body>
<div class="header"><div class="logo"><a href="/"><img src="/images/logo.png" alt="%s" /></a></div>
<div class="top_nav"><ul>
<li><a href="/">首页</a></li><li><a href="%s">政务公开</a></li><li><a href="%s">政务服务</a></li><li><a href="%s">互动交流</a></li><li><a href="/zjsf/">走进示范县</a></li>
</ul></div></div>
%s
<div class="footer"><p>主办：%s　网站标识码：%s　<a href="/wzdt/">网站地图</a></p>
<script id="_jiucuo_" sitecode='%s' src='/images/jiucuo.js'></script></div>
</body>
</html>
""" % (escape(head_title), meta, u.name, u.platform, u.col_path("service-guide"), u.col_path("interaction"), body, u.name, u.code, u.code)


def left_nav(u):
    parts = ['<div class="info_menu_list" role="navigation" des="政府信息公开"><ul>']
    for cid in NAV_ORDER:
        if cid not in u.columns:
            continue
        parts.append('<li><h3><a href="%s"><span>%s</span></a></h3>' % (u.col_path(cid), COLUMN_DEFS[cid][0]))
        if cid == "statutory-content":
            parts.append("<ul>")
            for sub in SUB_ORDER:
                if sub in u.columns:
                    parts.append('<li><p><a href="%s">%s</a></p></li>' % (u.col_path(sub), COLUMN_DEFS[sub][0]))
            parts.append("</ul>")
        parts.append("</li>")
    parts.append("</ul></div>")
    return "\n".join(parts)


def breadcrumb(u, trail):
    links = ['<a href="/">首页</a>', '<a href="%s">政务公开</a>' % u.platform]
    links += ['<a href="%s">%s</a>' % (h, n) for h, n in trail]
    return '<div class="position"><span>当前位置：</span>' + " &gt; ".join(links) + "</div>"


def date_label(u, o):
    return d(o, "yyyy年MM月dd日") if u.style == "govcn" else d(o)


# ---------------------------------------------------------------------------------------------- column content

def add_column(u, cid, n, newest, oldest=-355, status=None, **extra):
    items, seen = [], set()
    for i, o in enumerate(spread(n, newest, oldest) if n else []):
        title = title_for(cid, i, u.short).replace("{y}", d(o, "yyyy"))
        if title in seen:
            # Titles repeat in real lists too, but a unique title lets the truth name each document unambiguously.
            title += "（第%d期）" % (i + 1)
        seen.add(title)
        items.append({"id": u.next_id(), "pub": o, "title": title})
    u.columns[cid] = {"items": items, "status": status, **extra}
    return items


def add_policy_column(u, cid, n, newest, oldest=-330, interpret=True, number_prefix="示政发"):
    items = add_column(u, cid, n, newest, oldest)
    for i, it in enumerate(items):
        it["written"] = it["pub"] - (2 + i % 5)
        it["number"] = "%s〔%s〕%d号" % (number_prefix, d(it["written"], "yyyy"), 30 - i)
        it["interp"] = (it["pub"] + (i % 2)) if interpret else None
    return items


def add_annual_reports(u, cid="annual-report"):
    items = []
    for k, day in ((0, 20), (-1, 25), (-2, 18)):
        docid = u.next_id()
        items.append({"id": docid, "title": "%s{{year:%d}}年政府信息公开工作年度报告" % (u.name, k - 1),
                      "pubText": "{{year:%d}}-01-%02d" % (k, day),
                      "file": "[year%+d]01/t[year%+d]01%02d_%d.html" % (k, k, day, docid),
                      "href": "{{year:%d}}01/t{{year:%d}}01%02d_%d.html" % (k, k, day, docid)})
        if u.hanweb:
            col = u.hanweb[cid]
            items[-1]["file"] = "art/[year%+d]/1/%d/art_%d_%d.html" % (k, day, col, docid)
            items[-1]["href"] = "art/{{year:%d}}/1/%d/art_%d_%d.html" % (k, day, col, docid)
    u.columns[cid] = {"items": items, "status": None}


def pub_text(item):
    return item.get("pubText") or d(item["pub"])


# ---------------------------------------------------------------------------------------------- static TRS pages

def list_markup(u, cid, rows):
    if cid in ("policy-documents", "normative-documents"):
        out = ['<table class="zfxxgk_table" width="100%"><tr><th>序号</th><th>名称</th><th>文号</th><th>发布日期</th></tr>']
        for k, it in rows:
            out.append('<tr><td>%d</td><td class="info"><a href="./%s" target="_blank" title="%s">%s</a></td><td>%s</td><td>%s</td></tr>'
                       % (k + 1, it.get("href") or dated_href(it["pub"], it["id"]), escape(it["title"]), escape(it["title"]), it["number"], pub_text(it)))
        out.append("</table>")
        return "\n".join(out)
    out = ['<ul class="list">']
    for _, it in rows:
        out.append('<li><a href="./%s" target="_blank" title="%s">%s</a><span class="date">%s</span></li>'
                   % (it.get("href") or dated_href(it["pub"], it["id"]), escape(it["title"]), escape(it["title"]), pub_text(it)))
    out.append("</ul>")
    return "\n".join(out)


def write_static_column(u, cid):
    col = u.columns[cid]
    items = col["items"]
    folder = os.path.join(PORTALS, u.id, *u.col_path(cid).strip("/").split("/"))
    trail = [(u.col_path(cid), u.col_name(cid))]
    parent = COLUMN_DEFS[cid][2]
    if parent:
        trail.insert(0, (u.col_path(parent), u.col_name(parent)))
    pages = max(1, (len(items) + PAGE_SIZE - 1) // PAGE_SIZE)
    for p in range(pages):
        rows = list(enumerate(items))[p * PAGE_SIZE:(p + 1) * PAGE_SIZE]
        body = """%s
<div class="main">
%s
<div class="xxgk_list_box">
<div class="list_title"><h2>%s</h2></div>
<div class="xxgk_list">
%s
</div>
%s
<div class="page">%s
<script>createPageHTML(%d, %d, "index", "html");</script></div>
</div>
</div>""" % (breadcrumb(u, trail), left_nav(u), u.col_name(cid), list_markup(u, cid, rows),
             '<div class="no_data">暂无信息</div>' if not items else "", CREATE_PAGE_HTML, pages, p)
        write(os.path.join(folder, "index.html" if p == 0 else "index_%d.html" % p),
              page(u, u.col_name(cid) + "_" + u.name, metas(u, u.col_name(cid)), body))
    for it in items:
        write(os.path.join(folder, it.get("file") or dated_file(it["pub"], it["id"])), detail_page(u, cid, it, trail))


def metadata_box(u, cid, it):
    idx = "%s/%s-%05d" % (u.code, d(it["pub"], "yyyy"), it["id"])
    written = date_label(u, it["written"])
    pub = date_label(u, it["pub"])
    hide_written = it.get("writtenInComment")
    if u.style == "fj":
        wli = '<li class="trt-col-12 trt-col-sm-24">\n成文日期：\n<font>%s</font>\n</li>' % written
        if hide_written:
            wli = "<!--" + wli + "-->"
        return """<div class="index_box shadow_base pad_base"><ul class="trt-row">
<li class="trt-col-12 trt-col-sm-24">索&ensp;引&ensp;号：<font>%s</font></li>
<li class="trt-col-12 trt-col-sm-24">主题分类：<font>综合政务\\其他</font></li>
<li class="trt-col-12 trt-col-sm-24">发文机关：<font>%s</font></li>
%s
<li class="trt-col-24 trt-col-sm-24">标&ensp;&ensp;&ensp;&ensp;题：<font>%s</font></li>
<li class="trt-col-12 trt-col-sm-24">发文字号：<font>%s</font></li>
<li class="trt-col-12 trt-col-sm-24">发布日期：<font>%s</font></li>
<li class="trt-col-12 trt-col-sm-24">有&ensp;效&ensp;性：<em class="red_base">有效</em></li>
</ul></div>""" % (idx, u.name, wli, escape(it["title"]), it["number"], pub)
    if u.style == "hanweb":
        return """<table class="xxgk_table" width="100%%" border="0" cellspacing="0" cellpadding="0">
<tr><th>索引号：</th><td>%s</td><th>发布机构：</th><td>%s</td></tr>
<tr><th>发文机关：</th><td>%s</td><th>主题分类：</th><td>卫生健康</td></tr>
<tr><th>成文日期：</th><td>%s</td><th>发布日期：</th><td>%s</td></tr>
<tr><th>发文字号：</th><td>%s</td><th>有效性：</th><td>有效</td></tr>
<tr><th>名　　称：</th><td colspan="3">%s</td></tr>
</table>""" % (idx, u.name, u.name, written, pub, it["number"], escape(it["title"]))
    wcells = '<td width="100"><b>成文日期：</b></td><td>%s</td>' % written
    if hide_written:
        wcells = "<!--" + wcells + "--><td></td><td></td>"
    return """<table class="bd1" width="100%%" cellspacing="1" cellpadding="4"><tbody>
<tr><td width="100"><b>索 引 号：</b></td><td>%s</td><td width="100"><b>主题分类：</b></td><td>综合政务\\统计</td></tr>
<tr><td><b>发文机关：</b></td><td>%s</td>%s</tr>
<tr><td><b>标　　题：</b></td><td colspan="3">%s</td></tr>
<tr><td><b>发文字号：</b></td><td>%s</td><td><b>发布日期：</b></td><td>%s</td></tr>
<tr><td><b>有 效 性：</b></td><td colspan="3">有效</td></tr>
</tbody></table>""" % (idx, u.name, wcells, escape(it["title"]), it["number"], pub)


def detail_page(u, cid, it, trail):
    title = it["title"]
    source = it.get("source") or u.name
    parts = [breadcrumb(u, trail), '<div class="main article">']
    if "written" in it:
        parts.append(metadata_box(u, cid, it))
    parts.append('<h1 class="article_title">%s</h1>' % escape(title))
    parts.append('<div class="article_info"><span>发布时间：%s</span><span>来源：%s</span><span>浏览次数：<em id="hits"></em></span></div>'
                 % (pub_text(it), source))
    parts.append('<div class="article_content"><div class=TRS_Editor>%s</div></div>' % body_for(u, cid, it))
    if it.get("interp") is not None and it.get("interpPath"):
        parts.append('<div class="xgjd"><h4>相关解读</h4><ul><li><a href="%s" target="_blank">%s</a><span>%s</span></li></ul></div>'
                     % (it["interpPath"], escape("《%s》政策解读" % short_title(title)), d(it["interp"])))
    if it.get("original"):
        o = it["original"]
        parts.append('<div class="ywlj"><p>原文链接：<a href="%s" target="_blank">%s</a></p></div>' % (o["path"], escape(o["title"])))
    parts.append("</div>")
    return page(u, title + "_" + u.name, metas(u, u.col_name(cid), title, pub_text(it), source), "\n".join(parts))


def short_title(title):
    if "《" in title and "》" in title:
        return title[title.index("《") + 1:title.index("》")]
    if "关于" in title:
        return title.split("关于", 1)[-1].removesuffix("的通知").removesuffix("的实施意见").removesuffix("的意见")
    return title


def body_for(u, cid, it):
    if cid == "disclosure-guide":
        return GUIDE_BODY.replace("{u}", u.name)
    if cid == "policy-interpretation":
        return ("<p><strong>一、政策背景依据</strong></p><p>为贯彻落实上级有关部署要求，结合本县实际，制定本文件。</p>"
                "<p><strong>二、目标任务</strong></p><p>到{{year:1}}年，相关工作机制基本健全，重点任务全面落实。</p>"
                "<p><strong>三、涉及范围</strong></p><p>适用于全县各乡镇人民政府、县直各部门。</p>"
                "<p><strong>四、解读机关及联系方式</strong></p><p>解读机关：%s；联系电话：0431-8000000。</p>" % u.name)
    return "<p>　　%s。</p><p>　　各有关单位要高度重视，认真组织实施，确保各项工作落到实处。</p><p style=\"text-align:right\">%s</p><p style=\"text-align:right\">%s</p>" % (
        escape(it["title"]), u.name, d(it.get("written", it.get("pub", 0)), "yyyy年M月d日") if "pub" in it else it["pubText"])


GUIDE_BODY = """<p>　　根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，为更好地提供政府信息主动公开和依申请公开服务，编制本指南。</p>
<p><strong>一、主动公开</strong></p>
<p>（一）公开的主体和机构：{u}。政府信息公开工作机构：{u}办公室。办公地址：示范县人民大街1号，邮政编码：130000，咨询电话：0431-8000000。</p>
<p>（二）公开的范围：按照《条例》第十九条、第二十条、第二十一条规定，主动公开本机关政府信息。</p>
<p>（三）编排体系：政府信息公开目录按索引号、信息名称、发布机构、生成日期、文号等要素编排。</p>
<p>（四）公开渠道：政府门户网站、政府信息公开查阅场所、新闻发布会以及报刊、广播、电视等。</p>
<p>（五）公开时限：属于主动公开范围的政府信息，自该政府信息形成或者变更之日起20个工作日内予以公开。</p>
<p><strong>二、依申请公开</strong></p>
<p>（一）受理机构：{u}办公室，地址：示范县人民大街1号，电话：0431-8000000，电子邮箱：xxgk@sfx.gov.cn，受理时间：工作日上午8:30-11:30，下午13:30-17:00。</p>
<p>（二）申请方式：在线申请、书面申请（信函、传真、当面提交）。</p>
<p>（三）处理时限：能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内予以答复。</p>
<p>（四）收费：依照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）执行。</p>
<p><strong>三、监督方式</strong></p>
<p>公民、法人或者其他组织认为行政机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。</p>"""


def link_interpretations(u, policy_cids, interp_cid="policy-interpretation"):
    """Creates one interpretation per policy document (same or next day) that links back to it (原文链接)."""
    interps = []
    for cid in policy_cids:
        for it in u.columns[cid]["items"]:
            if it.get("interp") is None:
                continue
            iid = u.next_id()
            ip = {"id": iid, "pub": it["interp"], "title": "《%s》政策解读" % short_title(it["title"]),
                  "original": {"path": u.item_path(cid, it), "title": it["title"]}, "of": (cid, it)}
            it["interpPath"] = u.item_path(interp_cid, ip)
            interps.append(ip)
    interps.sort(key=lambda x: -x["pub"])
    u.columns[interp_cid] = {"items": interps, "status": None}


def write_homepage(u, blocks, search=True):
    parts = ['<div class="main home">']
    if search:
        parts.append('<div class="search"><form action="/was5/web/search" method="get" target="_blank">'
                     '<input type="hidden" name="channelid" value="200210" /><input type="text" name="searchword" placeholder="请输入关键词" />'
                     '<button type="submit">搜索</button></form></div>')
    for cid in blocks:
        items = u.columns[cid]["items"][:6]
        lis = "\n".join('<li><a href="%s" target="_blank" title="%s">%s</a><span>%s</span></li>'
                        % (u.item_path(cid, it), escape(it["title"]), escape(it["title"]), d(it["pub"], "MM-dd")) for it in items)
        parts.append('<div class="news_block"><div class="block_title"><h3>%s</h3><a class="more" href="%s">更多&gt;&gt;</a></div><ul>\n%s\n</ul></div>'
                     % (u.col_name(cid), u.col_path(cid), lis))
    parts.append('<div class="zwgk_entry"><a href="/%s/"><img src="/images/zwgk.png" alt="政府信息公开" />政府信息公开</a></div></div>' % u.zwgk)
    write(os.path.join(PORTALS, u.id, "index.html"), page(u, u.name, metas(u, "首页"), "\n".join(parts)))


def write_platform_home(u):
    tiles = "\n".join('<li><a href="%s"><span>%s</span></a></li>' % (u.col_path(c), COLUMN_DEFS[c][0]) for c in NAV_ORDER if c in u.columns)
    body = '%s\n<div class="main">%s\n<div class="xxgk_tiles"><h2>政府信息公开专栏</h2><ul>%s</ul></div></div>' % (
        breadcrumb(u, [("/%s/" % u.zwgk, "政府信息公开")]), left_nav(u), tiles)
    write(os.path.join(PORTALS, u.id, u.zwgk, "index.html"), page(u, "政府信息公开_" + u.name, metas(u, "政府信息公开"), body))
    subs = "\n".join('<li><a href="%s">%s</a></li>' % (u.col_path(c), COLUMN_DEFS[c][0]) for c in SUB_ORDER if c in u.columns)
    body = '%s\n<div class="main">%s\n<div class="xxgk_sub"><h2>法定主动公开内容</h2><ul class="sub_columns">%s</ul></div></div>' % (
        breadcrumb(u, [(u.col_path("statutory-content"), "法定主动公开内容")]), left_nav(u), subs)
    write(os.path.join(PORTALS, u.id, *u.col_path("statutory-content").strip("/").split("/"), "index.html"),
          page(u, "法定主动公开内容_" + u.name, metas(u, "法定主动公开内容"), body))


def write_search(u, cids):
    rows = []
    for cid in cids:
        for it in u.columns[cid]["items"][:2]:
            rows.append('<li><a href="%s" target="_blank">%s</a><span>%s</span></li>' % (u.item_path(cid, it), escape(it["title"]), d(it["pub"])))
    body = '<div class="main search_result"><div class="result_info">共找到 <em>%d</em> 条结果</div><ul class="result_list">\n%s\n</ul></div>' % (len(rows), "\n".join(rows))
    write(os.path.join(PORTALS, u.id, "_pages", "search.html"), page(u, "检索结果_" + u.name, metas(u, "检索结果"), body))
    write(os.path.join(PORTALS, u.id, "_server.json"),
          json.dumps({"routes": [{"path": "/was5/web/search", "file": "_pages/search.html"}]}, ensure_ascii=False, indent=2) + "\n")


# ---------------------------------------------------------------------------------------------- truth

def column_truth(u, cid, status="present"):
    col = u.columns.get(cid)
    t = {"status": col.get("status") or status, "path": u.col_path(cid), "name": u.col_name(cid)}
    if cid == "statutory-content":
        t["children"] = [c for c in SUB_ORDER if c in u.columns]
        return t
    items = col["items"]
    t["items"] = len(items)
    t["pages"] = max(1, (len(items) + PAGE_SIZE - 1) // PAGE_SIZE)
    if items:
        newest = items[0]
        if "pub" in newest:
            t["newestOffsetDays"] = max(i["pub"] for i in items)
        else:
            t["newestDate"] = newest["pubText"]
    return t


def finish_truth(u, policy_cids):
    for cid in COLUMN_DEFS:
        if cid in u.columns:
            u.truth["columns"][cid] = column_truth(u, cid)
        else:
            u.truth["columns"][cid] = {"status": "missing", "name": u.col_name(cid)}
    for cid in policy_cids:
        for it in u.columns[cid]["items"]:
            ref = {"column": cid, "id": it["id"], "title": it["title"], "path": u.item_path(cid, it)}
            if it.get("interp") is None:
                u.truth["documents"]["missingInterpretation"].append(ref)
            elif it["interp"] - it["pub"] > 14:
                u.truth["documents"]["lateInterpretation"].append({**ref, "publishedOffsetDays": it["pub"], "interpretationOffsetDays": it["interp"],
                                                                   "calendarDays": it["interp"] - it["pub"],
                                                                   "note": "more than 3 working days whatever the as-of day"})
            if it.get("writtenInComment"):
                u.truth["documents"]["incompleteMetadata"].append({**ref, "missing": ["writtenDate"],
                                                                   "note": "成文日期 only inside an HTML comment"})
            if it["pub"] - it["written"] > 28:
                u.truth["documents"]["latePublication"].append({**ref, "writtenOffsetDays": it["written"], "publishedOffsetDays": it["pub"],
                                                                "calendarDays": it["pub"] - it["written"],
                                                                "note": "more than 20 working days whatever the as-of day"})
    u.truth["documents"]["policyDocuments"] = sum(len(u.columns[c]["items"]) for c in policy_cids)


# ---------------------------------------------------------------------------------------------- the units

def build_county():
    u = Unit("county", "示范县人民政府", "示范县人民政府", "www.sfx.gov.cn", "2201000001", "zwgk", "fj")
    add_column(u, "disclosure-guide", 1, -9)
    u.columns["disclosure-guide"]["items"][0]["title"] = "示范县人民政府政府信息公开指南"
    add_column(u, "disclosure-rules", 3, -6)
    for cid, n, newest in (("institution-functions", 2, -8), ("plans", 4, -7), ("personnel", 5, -5), ("powers-list", 3, -6),
                           ("budget-final-accounts", 6, -4), ("proposals-handling", 8, -5), ("major-projects", 7, -3),
                           ("double-random", 6, -2)):
        add_column(u, cid, n, newest)
    u.columns["statutory-content"] = {"items": [], "status": None}
    add_annual_reports(u)
    add_policy_column(u, "policy-documents", 14, -3)
    add_policy_column(u, "normative-documents", 5, -10, number_prefix="示政规")
    link_interpretations(u, ["policy-documents", "normative-documents"])
    add_column(u, "notices", 12, -1)
    add_column(u, "work-news", 23, -1)
    add_column(u, "service-guide", 4, -6)
    add_column(u, "interaction", 5, -2)
    add_column(u, "disclosure-on-request", 2, -9)
    for cid in u.columns:
        if cid != "statutory-content":
            write_static_column(u, cid)
    write_platform_home(u)
    write_homepage(u, ["work-news", "notices", "policy-interpretation"])
    write_search(u, ["policy-documents", "work-news"])
    finish_truth(u, ["policy-documents", "normative-documents"])
    return u


def build_gaps():
    u = Unit("dept-gaps", "示范县统计局", "示范县统计局", "tjj.sfx.gov.cn", "2201000012", "xxgk", "govcn")
    add_column(u, "disclosure-guide", 1, -8)
    u.columns["disclosure-guide"]["items"][0]["title"] = "示范县统计局政府信息公开指南"
    add_column(u, "disclosure-rules", 2, -6)
    for cid, n, newest in (("institution-functions", 1, -7), ("plans", 3, -9), ("personnel", 2, -6), ("powers-list", 2, -5),
                           ("budget-final-accounts", 4, -4), ("proposals-handling", 2, -8), ("major-projects", 2, -9),
                           ("double-random", 3, -3)):
        add_column(u, cid, n, newest)
    u.columns["statutory-content"] = {"items": [], "status": None}
    docs = add_policy_column(u, "policy-documents", 8, -4, interpret=False, number_prefix="示统发")
    docs[2]["writtenInComment"] = True
    docs[4]["written"] = docs[4]["pub"] - 70
    docs[4]["number"] = "示统发〔%s〕%d号" % (d(docs[4]["written"], "yyyy"), 26)
    add_policy_column(u, "normative-documents", 3, -9, interpret=False, number_prefix="示统规")
    add_column(u, "notices", 0, -1, status="blank")
    add_column(u, "work-news", 8, -240, oldest=-360, status="stale")
    add_column(u, "service-guide", 3, -7)
    add_column(u, "interaction", 4, -3)
    add_column(u, "disclosure-on-request", 2, -9)
    for cid in u.columns:
        if cid != "statutory-content":
            write_static_column(u, cid)
    write_platform_home(u)
    write_homepage(u, ["work-news", "policy-documents"], search=False)
    finish_truth(u, ["policy-documents", "normative-documents"])
    return u


# ---------------------------------------------------------------------------------------------- script-rendered unit

SCRIPT_LIST_JS = r"""/* Renders a column list from the list API (or from inline data) with a script pager, like many
   department sites built on front-end templates: the served HTML has an empty container. */
(function () {
  function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return {'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]; }); }
  function render(box, data) {
    var html = '';
    for (var i = 0; i < data.items.length; i++) {
      var it = data.items[i];
      html += '<li><a href="' + esc(it.url) + '" target="_blank" title="' + esc(it.title) + '">' + esc(it.title) + '</a><span class="date">' + esc(it.date) + '</span></li>';
    }
    box.innerHTML = html;
    var pager = document.getElementById('pager');
    if (!pager) return;
    var p = '';
    for (var n = 1; n <= data.pageCount; n++) {
      p += n === data.page ? '<span class="current">' + n + '</span> ' : '<a href="index.html?page=' + n + '">' + n + '</a> ';
    }
    pager.innerHTML = p + '<span>共' + data.total + '条</span>';
  }
  var box = document.getElementById('list');
  if (!box) return;
  var page = parseInt((location.search.match(/[?&]page=(\d+)/) || [0, '1'])[1], 10);
  if (window.listData) {
    var size = 10, all = window.listData;
    render(box, { page: page, pageCount: Math.max(1, Math.ceil(all.length / size)), total: all.length, items: all.slice((page - 1) * size, page * size) });
    return;
  }
  fetch('/api/list?column=' + encodeURIComponent(box.getAttribute('data-column')) + '&page=' + page)
    .then(function (r) { return r.json(); })
    .then(function (data) { render(box, data); });
})();
"""

INLINE_COLUMNS = {"service-guide", "disclosure-on-request"}


def build_script():
    u = Unit("dept-script", "示范县教育局", "示范县教育局", "jyj.sfx.gov.cn", "2201000008", "xxgk", "fj")
    add_column(u, "disclosure-guide", 1, -5)
    u.columns["disclosure-guide"]["items"][0]["title"] = "示范县教育局政府信息公开指南"
    add_column(u, "disclosure-rules", 2, -7)
    for cid, n, newest in (("institution-functions", 2, -6), ("plans", 3, -8), ("personnel", 4, -4), ("powers-list", 2, -9),
                           ("budget-final-accounts", 4, -3), ("proposals-handling", 3, -5), ("major-projects", 2, -7),
                           ("double-random", 3, -2)):
        add_column(u, cid, n, newest)
    u.columns["statutory-content"] = {"items": [], "status": None}
    add_annual_reports(u)
    add_policy_column(u, "policy-documents", 12, -2, number_prefix="示教发")
    add_policy_column(u, "normative-documents", 3, -6, number_prefix="示教规")
    link_interpretations(u, ["policy-documents", "normative-documents"])
    add_column(u, "notices", 11, -1)
    add_column(u, "work-news", 15, -1)
    add_column(u, "service-guide", 4, -5)
    add_column(u, "interaction", 3, -3)
    add_column(u, "disclosure-on-request", 2, -8)

    data = {}
    for cid, col in u.columns.items():
        if cid == "statutory-content":
            continue
        folder = os.path.join(PORTALS, u.id, *u.col_path(cid).strip("/").split("/"))
        trail = [(u.col_path(cid), u.col_name(cid))]
        entries = [{"title": it["title"], "url": u.item_path(cid, it), "date": pub_text(it)} for it in col["items"]]
        code = COLUMN_DEFS[cid][1]
        if cid in INLINE_COLUMNS:
            inline = "<script>window.listData = %s;</script>\n" % json.dumps(entries, ensure_ascii=False)
        else:
            data[code] = entries
            inline = ""
        body = """%s
<div class="main">
<iframe id="xxgk_nav" src="/xxgk/nav/columns.html" width="220" height="900" frameborder="0" scrolling="no" title="信息公开目录"></iframe>
<div class="xxgk_list_box">
<div class="list_title"><h2>%s</h2></div>
<ul id="list" class="list" data-column="%s"></ul>
<div id="pager" class="page"></div>
</div>
</div>
%s<script src="/js/list.js"></script>""" % (breadcrumb(u, trail), u.col_name(cid), code, inline)
        write(os.path.join(folder, "index.html"), page(u, u.col_name(cid) + "_" + u.name, metas(u, u.col_name(cid)), body))
        for it in col["items"]:
            write(os.path.join(folder, it.get("file") or dated_file(it["pub"], it["id"])), detail_page(u, cid, it, trail))
    write(os.path.join(PORTALS, u.id, "_data", "lists.json"), json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    write(os.path.join(PORTALS, u.id, "_server.json"),
          json.dumps({"listApis": [{"path": "/api/list", "data": "_data/lists.json", "pageSize": PAGE_SIZE}]}, indent=2) + "\n")
    write(os.path.join(PORTALS, u.id, "js", "list.js"), SCRIPT_LIST_JS)

    # The column directory only exists inside a same-origin iframe (as on many department platforms).
    nav = left_nav(u).replace('<a href=', '<a target="_parent" href=')
    write(os.path.join(PORTALS, u.id, "xxgk", "nav", "columns.html"),
          "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\" /><title>信息公开目录</title></head><body>\n%s\n</body></html>\n" % nav)
    body = '%s\n<div class="main"><iframe id="xxgk_nav" src="/xxgk/nav/columns.html" width="220" height="900" frameborder="0" scrolling="no" title="信息公开目录"></iframe>\n<div class="xxgk_home"><h2>政府信息公开</h2><div id="latest"></div></div></div>' % (
        breadcrumb(u, [("/xxgk/", "政府信息公开")]))
    write(os.path.join(PORTALS, u.id, "xxgk", "index.html"), page(u, "政府信息公开_" + u.name, metas(u, "政府信息公开"), body))
    subs = "\n".join('<li><a href="%s">%s</a></li>' % (u.col_path(c), COLUMN_DEFS[c][0]) for c in SUB_ORDER)
    body = '%s\n<div class="main"><iframe id="xxgk_nav" src="/xxgk/nav/columns.html" width="220" height="900" frameborder="0" title="信息公开目录"></iframe>\n<div class="xxgk_sub"><h2>法定主动公开内容</h2><ul class="sub_columns">%s</ul></div></div>' % (
        breadcrumb(u, [(u.col_path("statutory-content"), "法定主动公开内容")]), subs)
    write(os.path.join(PORTALS, u.id, "xxgk", "fdzdgknr", "index.html"), page(u, "法定主动公开内容_" + u.name, metas(u, "法定主动公开内容"), body))
    # Homepage: news blocks are script-rendered too (empty containers, filled from the API).
    blocks = "\n".join('<div class="news_block"><div class="block_title"><h3>%s</h3><a class="more" href="%s">更多&gt;&gt;</a></div><ul class="home_list" data-column="%s"></ul></div>'
                       % (u.col_name(c), u.col_path(c), COLUMN_DEFS[c][1]) for c in ("work-news", "notices", "policy-interpretation"))
    home_js = """<script>
document.querySelectorAll('ul.home_list').forEach(function (ul) {
  fetch('/api/list?column=' + ul.getAttribute('data-column') + '&page=1').then(function (r) { return r.json(); }).then(function (data) {
    ul.innerHTML = data.items.slice(0, 6).map(function (it) {
      var a = document.createElement('a'); a.href = it.url; a.textContent = it.title; a.title = it.title;
      var li = document.createElement('li'); li.appendChild(a);
      var s = document.createElement('span'); s.textContent = it.date.substring(5); li.appendChild(s);
      return li.outerHTML;
    }).join('');
  });
});
</script>"""
    write(os.path.join(PORTALS, u.id, "index.html"),
          page(u, u.name, metas(u, "首页"), '<div class="main home">%s\n<div class="zwgk_entry"><a href="/xxgk/">政府信息公开</a></div></div>\n%s' % (blocks, home_js)))
    finish_truth(u, ["policy-documents", "normative-documents"])
    for cid, t in u.truth["columns"].items():
        if t["status"] != "missing" and cid != "statutory-content":
            t["rendering"] = "inline-script" if cid in INLINE_COLUMNS else "list-api"
    return u


# ---------------------------------------------------------------------------------------------- Hanweb JCMS unit

HANWEB_PER_PAGE = 15
HANWEB_GROUP = 45  # records embedded in the column page; later groups come from dataproxy.jsp


def hanweb_record(u, cid, it):
    url = escape(u.item_path(cid, it))
    t = escape(it["title"])
    return "<li><a href='%s' title='%s' target='_blank'>%s</a><span>%s</span></li>" % (url, t, t, pub_text(it))


HANWEB_PAGER_JS = r"""<script>
/* Stand-in for Hanweb's jpage plugin: shows the embedded records 15 to a page. */
(function () {
  var box = document.getElementById('%(unitid)s');
  var xml = box.querySelector('script[type="text/xml"]').textContent;
  var recs = [], re = /<record><!\[CDATA\[([\s\S]*?)\]\]><\/record>/g, m;
  while ((m = re.exec(xml))) recs.push(m[1]);
  var page = parseInt((location.search.match(/[?&]uid=\d+&pageNum=(\d+)/) || [0, '1'])[1], 10);
  var ul = document.createElement('ul'); ul.className = 'list';
  ul.innerHTML = recs.slice((page - 1) * %(per)d, page * %(per)d).join('');
  box.appendChild(ul);
  var total = %(total)d, pages = Math.ceil(total / %(per)d), p = document.createElement('div'); p.className = 'default_pgContainer';
  var h = '共' + total + '条 ';
  for (var i = 1; i <= Math.min(pages, Math.ceil(recs.length / %(per)d)); i++) h += '<a href="?uid=%(unitid)s&pageNum=' + i + '">' + i + '</a> ';
  p.innerHTML = h; box.appendChild(p);
})();
</script>"""


def build_hanweb():
    u = Unit("dept-hanweb", "示范县卫生健康局", "示范县卫生健康局", "wjj.sfx.gov.cn", "2201000015", "col", "hanweb")
    ids = {}
    for n, cid in enumerate(COLUMN_DEFS):
        ids[cid] = 73001 + n
    ids["platform"] = 73000
    u.hanweb = ids
    u.platform = "/col/col73000/index.html"
    add_column(u, "disclosure-guide", 1, -4)
    u.columns["disclosure-guide"]["items"][0]["title"] = "示范县卫生健康局政府信息公开指南"
    add_column(u, "disclosure-rules", 2, -8)
    for cid, n, newest in (("institution-functions", 2, -9), ("plans", 3, -6), ("personnel", 4, -3), ("powers-list", 2, -7),
                           ("budget-final-accounts", 5, -5), ("proposals-handling", 4, -4), ("major-projects", 2, -8),
                           ("double-random", 3, -6)):
        add_column(u, cid, n, newest)
    u.columns["statutory-content"] = {"items": [], "status": None}
    add_annual_reports(u)
    docs = add_policy_column(u, "policy-documents", 9, -5, number_prefix="示卫健发")
    docs[1]["interp"] = docs[1]["pub"] + 21
    add_policy_column(u, "normative-documents", 2, -9, number_prefix="示卫健规")
    link_interpretations(u, ["policy-documents", "normative-documents"])
    add_column(u, "notices", 9, -2)
    add_column(u, "work-news", 52, -1)
    add_column(u, "service-guide", 5, -4)
    add_column(u, "interaction", 4, -2)
    add_column(u, "disclosure-on-request", 2, -7)

    def nav():
        out = ['<div class="xxgk_nav"><ul>']
        for cid in NAV_ORDER:
            out.append('<li><a href="%s">%s</a>' % (u.col_path(cid), COLUMN_DEFS[cid][0]))
            if cid == "statutory-content":
                out.append("<ul>" + "".join('<li><a href="%s">%s</a></li>' % (u.col_path(c), COLUMN_DEFS[c][0]) for c in SUB_ORDER) + "</ul>")
            out.append("</li>")
        return "\n".join(out + ["</ul></div>"])

    def crumb(trail):
        return '<div class="bt-position">您当前的位置：<a href="/">首页</a> &gt; <a href="/col/col73000/index.html">信息公开</a>' + "".join(
            ' &gt; <a href="%s">%s</a>' % (h, n) for h, n in trail) + "</div>"

    proxy_data = {}
    root = os.path.join(PORTALS, u.id)
    for cid, col in u.columns.items():
        colid = ids[cid]
        folder = os.path.join(root, "col", "col%d" % colid)
        trail = [(u.col_path(cid), u.col_name(cid))]
        if cid == "statutory-content":
            subs = "".join('<li><a href="%s">%s</a></li>' % (u.col_path(c), COLUMN_DEFS[c][0]) for c in SUB_ORDER)
            body = '%s\n<div class="main">%s<div class="xxgk_sub"><h2>法定主动公开内容</h2><ul class="sub_columns">%s</ul></div></div>' % (crumb(trail), nav(), subs)
            write(os.path.join(folder, "index.html"), page(u, "法定主动公开内容 " + u.name, metas(u, "法定主动公开内容"), body))
            continue
        items = col["items"]
        unitid = 230000 + colid % 1000
        proxy_data[str(colid)] = [{"title": it["title"], "url": u.item_path(cid, it), "date": pub_text(it)} for it in items]
        records = "\n".join("<record><![CDATA[%s]]></record>" % hanweb_record(u, cid, it) for it in items[:HANWEB_GROUP])
        next_group = ('<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=1&path=/&columnid=%d&unitid=%d&webname=%s&permissiontype=0"></a>'
                      % (colid, unitid, u.name))
        body = """%s
<div class="main">%s
<div class="xxgk_list_box"><div class="list_title"><h2>%s</h2></div>
<div id="%d"><script type="text/xml"><datastore>
<nextgroup><![CDATA[%s]]></nextgroup>
<recordset>
%s
</recordset>
</datastore></script></div>
%s
</div></div>""" % (crumb(trail), nav(), u.col_name(cid), unitid, next_group, records,
                   HANWEB_PAGER_JS % {"unitid": unitid, "per": HANWEB_PER_PAGE, "total": len(items)})
        write(os.path.join(folder, "index.html"), page(u, u.col_name(cid) + " " + u.name, metas(u, u.col_name(cid)), body))
        for it in items:
            path = it["file"] if "file" in it else hanweb_file(it["pub"], colid, it["id"])
            html = detail_page(u, cid, it, trail).replace('<div class="article_content">', '<!--ZJEG_RSS.content.begin--><meta name="ContentStart"><div class="article_content">', 1)
            html = html.replace('</div></div>\n<div class="xgjd">', '</div></div><meta name="ContentEnd"><!--ZJEG_RSS.content.end-->\n<div class="xgjd">', 1)
            html = html.replace('<meta name="ContentSource"', '<meta name="Maketime" content="%s 09:00:00"/>\n<meta name="ContentSource"' % pub_text(it), 1)
            write(os.path.join(root, path), html)
    plat = '%s\n<div class="main">%s<div class="xxgk_home"><h2>政府信息公开</h2></div></div>' % (crumb([]), nav())
    write(os.path.join(root, "col", "col73000", "index.html"), page(u, "信息公开 " + u.name, metas(u, "信息公开"), plat))
    write(os.path.join(root, "_data", "dataproxy.json"), json.dumps(proxy_data, ensure_ascii=False, indent=1) + "\n")
    write(os.path.join(root, "_server.json"), json.dumps({"hanwebDataProxies": [
        {"path": "/module/web/jpage/dataproxy.jsp", "data": "_data/dataproxy.json", "pageSize": HANWEB_PER_PAGE}]}, indent=2) + "\n")
    blocks = "\n".join('<div class="news_block"><div class="block_title"><h3>%s</h3><a class="more" href="%s">更多&gt;&gt;</a></div><ul>%s</ul></div>'
                       % (u.col_name(c), u.col_path(c), "".join(hanweb_record(u, c, it) for it in u.columns[c]["items"][:6]))
                       for c in ("work-news", "notices", "policy-interpretation"))
    write(os.path.join(root, "index.html"), page(u, u.name, metas(u, "首页"),
                                                 '<div class="main home">%s<div class="zwgk_entry"><a href="/col/col73000/index.html">信息公开</a></div></div>' % blocks))
    finish_truth(u, ["policy-documents", "normative-documents"])
    for cid, t in u.truth["columns"].items():
        if "items" in t:
            t["pages"] = max(1, (t["items"] + HANWEB_PER_PAGE - 1) // HANWEB_PER_PAGE)
            t["embeddedRecords"] = min(t["items"], HANWEB_GROUP)
    return u


LOGO_PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082")


def write_common_pages(u):
    """Every link the page template carries resolves: stylesheet, logo, 纠错 script, 走进示范县, 网站地图."""
    root = os.path.join(PORTALS, u.id)
    write(os.path.join(root, "images", "style.css"), "body{font-family:\"Microsoft YaHei\",sans-serif;font-size:14px}\n.list li span{float:right}\n")
    write(os.path.join(root, "images", "jiucuo.js"), "/* 网站纠错 (站点标识码 %s) */\n" % u.code)
    os.makedirs(os.path.join(root, "images"), exist_ok=True)
    for name in ("logo.png", "zwgk.png"):
        with open(os.path.join(root, "images", name), "wb") as f:
            f.write(LOGO_PNG)
    intro = '<div class="main"><h2>走进示范县</h2><p>示范县位于示范市东部，总面积1200平方公里，辖8镇4乡。</p></div>'
    write(os.path.join(root, "zjsf", "index.html"), page(u, "走进示范县_" + u.name, metas(u, "走进示范县"), intro))
    rows = "\n".join('<li><a href="%s">%s</a></li>' % (u.col_path(c), u.col_name(c)) for c in COLUMN_DEFS if c in u.columns)
    sitemap = '<div class="main"><h2>网站地图</h2><ul class="sitemap"><li><a href="%s">政府信息公开</a></li>\n%s</ul></div>' % (u.platform, rows)
    write(os.path.join(root, "wzdt", "index.html"), page(u, "网站地图_" + u.name, metas(u, "网站地图"), sitemap))


def yaml_scalar(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    return json.dumps(v, ensure_ascii=False)


def to_yaml(obj, indent=0):
    pad = "  " * indent
    out = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            if isinstance(v, (dict, list)) and v:
                out.append("%s%s:" % (pad, k))
                out.append(to_yaml(v, indent + 1))
            elif isinstance(v, list):
                out.append("%s%s: []" % (pad, k))
            else:
                out.append("%s%s: %s" % (pad, k, yaml_scalar(v)))
    else:
        for v in obj:
            if isinstance(v, dict):
                first = True
                for k, x in v.items():
                    prefix = pad + ("- " if first else "  ")
                    first = False
                    if isinstance(x, list):
                        out.append("%s%s: [%s]" % (prefix, k, ", ".join(yaml_scalar(e) for e in x)))
                    else:
                        out.append("%s%s: %s" % (prefix, k, yaml_scalar(x)))
            else:
                out.append("%s- %s" % (pad, yaml_scalar(v)))
    return "\n".join(out)


def main():
    if os.path.isdir(PORTALS):
        shutil.rmtree(PORTALS)
    units = [build_county(), build_script(), build_gaps(), build_hanweb()]
    for u in units:
        write_common_pages(u)
    doc = {"units": {}}
    for u in units:
        doc["units"][u.id] = {"name": u.name, "siteIdCode": u.code, "columns": u.truth["columns"], "documents": u.truth["documents"]}
    header = """# Truth of the bundled sample portals, generated by samples/tools/generate_samples.py together with the pages
# (edit the generator, not this file). Column ids are the canonical catalogue ids.
#   status: present | missing | blank (column page exists, lists nothing) | stale (newest item too old)
#   path: the column's URL path on the unit's origin; items: rows listed over all pages; pages: list pages
#   newestOffsetDays: newest listed item's date = as-of day + offset; newestDate: a templated date (annual reports)
#   statutory-content is a hub page: it lists its sub-columns (children), no items of its own.
# Document paths contain {{date:...}} placeholders: render them with Openness.SamplePortals.DateTemplate.Render.
# policyDocuments counts the documents of policy-documents + normative-documents.
"""
    write(os.path.join(ROOT, "expected.yaml"), header + to_yaml(doc) + "\n")


if __name__ == "__main__":
    main()
