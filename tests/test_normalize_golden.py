"""Golden test: the sample article gives exactly this headline, subtitle, caption, series, body."""

from __future__ import annotations

from pathlib import Path

from reader.normalize import article_to_json, load_article, normalize, render_text

TITLE = "筑牢安全屏障 护航高质量发展"
SUBTITLE = "我市持续加强风险防范，全力维护社会和谐稳定"
CAPTION = "日常巡逻维护和谐稳定"
SERIES = "（九）"
PARAGRAPHS = [
    "国家安全是民族复兴的根基，社会稳定是国家强盛的前提。坚定不移贯彻总体国家安全观，"
    "更好统筹发展和安全，必须常怀忧患之心，始终安不忘危、存不忘亡、乐不忘忧，"
    "把困难估计得更充分一些、把风险思考得更深入一些，才能坚持好底线思维，"
    "把解决问题的措施想得更周到一些，才能做到有备无患、防患未然。",
    "以高水平安全保障高质量发展，如何才能坚持发展和安全并重，"
    "为实现更高水平更高层次的安全提供更为牢固的基础和条件？"
    "“突出风险防范，全力维护社会和谐稳定”作为我市今年重点抓好的工作之一，"
    "市两会为我们指明了方向。",
    "“精准施策防风险，稳妥处置地方中小金融机构风险，从严打击各类非法金融活动，"
    "切实守住金融领域安全防线。”市政府办金融科科长孙慧姣表示，"
    "全市金融系统将以市两会精神为指引，常态化开展防范非法集资宣传教育，"
    "积极稳妥审慎推进中小金融机构风险化解，央地协同合力防范打击非法金融活动，"
    "牢牢守住不发生系统性金融风险底线。与此同时，全市金融系统将围绕市委“156”战略举措，"
    "坚持一盘棋思想，加强货币金融政策与财税、产业、就业等政策协同联动，"
    "构建纵向协调各县（区、市）政府，横向协调市级行业主管部门和金融机构的"
    "“金融+”双线工作协调机制，合力形成各类政策相互补充、相互完善、相互促进，"
    "引导金融机构全力做好科技、绿色、普惠、养老和数字金融“五篇大文章”，"
    "进一步加大金融支持实体经济发展力度，有力推动构建实体经济与金融体系良性互动的"
    "高质量发展格局。",
    "“市、县两级应急部门将坚决贯彻市两会精神，按照市委、市政府和应急管理部、"
    "省应急管理厅安排部署，锚定‘防范减少各类事故、严防严控较大事故、"
    "全力杜绝重大以上事故、严防各类自然灾害亡人事件’这一总目标，"
    "以安全生产治本攻坚为主线，以强化企业主体责任落实为重心，"
    "以完善防灾减灾救灾机制、夯实应急管理基层基础为支撑，"
    "努力以改革创新推动应急管理事业高质量发展。”市应急管理局党委书记、局长张宝忠表示，"
    "市、县两级应急部门今年将聚焦履职尽责抓落实、治本攻坚抓深化、重点领域抓整治、"
    "灾害风险抓防治、能力建设抓提升、基层基础抓固本、队伍建设抓管理等7方面重点工作，"
    "系统化创造性地抓好应急管理各项任务落实落地，切实维护人民群众生命财产安全和社会大局稳定，"
    "努力以高水平安全服务高质量发展，为推动中国式现代化晋中篇章提供坚实安全保障。",
    "公安机关作为党和人民手中的“刀把子”、维护稳定的主力军，市公安局相关负责人表示，"
    "全市公安机关将坚决按照市委部署要求，切实把市两会精神贯彻落实到全市公安工作的各方面、"
    "全过程。坚定信心、真抓实干、奋勇争先，更好统筹高质量发展和高水平安全。"
    "坚持以政治建设为根本统领，毫不动摇坚持党对公安工作的绝对领导、全面领导，"
    "坚定捍卫“两个确立”、坚决做到“两个维护”，确保公安机关绝对忠诚可靠。"
    "聚焦平安晋中建设这条主线，持续深入推进“平安晋中”系列行动，"
    "牢牢锚定“警情发案少、社会秩序好、基层基础牢、群众满意度高”的平安晋中目标，"
    "在前三年工作的基础上，接续开展以“五防范五攻坚五提升”为主要内容的"
    "“平安晋中四号”行动，“打、防、管、控、治”一体推进，确保全市政治社会大局高度安全稳定。"
    "突出公安工作现代化这个重点，深入实施公安大数据战略，"
    "加快推行“专业+机制+大数据”新型警务运行模式，全面提升公安机关新质战斗力，"
    "为履行新时代公安机关职责使命、推进公安工作现代化晋中实践贡献力量。",
    "立足职能使命，聚焦重点发力。市司法局党组书记、局长郭磊石表示，"
    "全市司法系统将坚持以习近平新时代中国特色社会主义思想为指导，坚决贯彻市两会精神，"
    "进一步坚持和发展新时代“枫桥经验”，推动全市做好人民调解工作，提高矛盾纠纷化解法治水平。"
    "一是加强人民调解组织规范化建设，巩固充实村（居）、乡镇（街道）人民调解组织，"
    "加强公调、诉调等重点领域人民调解工作，充分发挥人民调解化解矛盾纠纷“第一道防线”作用。"
    "二是深入开展人民调解“进基层”活动，聚焦婚姻家庭、邻里关系、经济金融、劳动就业等重点领域，"
    "全方位、多层次加强人民调解工作，为建设更高水平的法治晋中作出积极贡献。"
    "三是采取多种形式宣传人民调解工作，通过省级视频指导案例库《调解“晋”行时》等形式，"
    "分阶段宣传调解典型案例，扩大人民调解工作影响力，为人民调解员开展工作创造良好社会氛围。",
    "“未雨绸缪，科学做好极端天气、洪涝干旱、森林火灾、地质灾害等防范应对，气象部门责无旁贷。”"
    "市气象局党组书记、局长张忠效表示，该局将坚决贯彻市两会精神，"
    "一是要努力将气象工作深度融入全市经济社会发展大局，围绕极端天气、洪涝干旱等灾害防范应对，"
    "谋划推进气象防灾减灾的重点工作任务。立足防大汛、抗大旱、抢大险、救大灾，"
    "以“时时放心不下”的责任感切实筑牢气象防灾减灾“第一道防线”。"
    "二是要加强气象监测网络建设，优化气象观测站点布局，提升对极端天气的监测能力。"
    "完善气象预警信息发布机制，让预警信息以最快速度传递到基层。"
    "三是要落实递进式气象服务机制，分级分类提供精细化气象服务。"
    "加强与水利、应急管理等部门的协同联动，做好“叫应”服务，形成防灾减灾合力。"
    "总而言之，市气象局将竭尽所能，充分落实各项举措，全力保障人民群众生命财产安全。",
    "坚定信心、凝心聚力、奋发进取，全力以赴防风险、保安全、护稳定、促发展，"
    "以“时时放心不下”的责任感，答好统筹发展与安全“必答题”，"
    "晋中正以更实举措护航中国式现代化新征程，让人民群众的获得感、幸福感、安全感更加坚实。",
]


def test_sample_golden(sample_path: Path) -> None:
    article = load_article(sample_path)
    assert article.title is not None and article.title.text == TITLE
    assert article.subtitle is not None and article.subtitle.text == SUBTITLE
    assert [caption.text for caption in article.captions] == [CAPTION]
    assert article.series == SERIES
    assert article.byline is None
    assert [paragraph.text for paragraph in article.paragraphs] == PARAGRAPHS


def test_sample_json_contract(sample_text: str) -> None:
    data = article_to_json(normalize(sample_text).article)
    assert list(data)[:6] == ["title", "subtitle", "series", "byline", "captions", "paragraphs"]
    assert data["title"] == TITLE
    assert data["byline"] is None
    assert data["paragraphs"] == PARAGRAPHS


def test_sample_clean_text_reads_in_order(sample_text: str) -> None:
    text = render_text(normalize(sample_text).article)
    lines = text.splitlines()
    assert lines[0] == TITLE
    assert lines[1] == "——" + SUBTITLE  # the dash comes back in the clean text
    assert text.index(PARAGRAPHS[0]) < text.index(PARAGRAPHS[-1]) < text.index(CAPTION)
    assert normalize(text).article == normalize(sample_text).article


def test_sample_sentences_split(sample_text: str) -> None:
    first = normalize(sample_text).article.paragraphs[0]
    assert [sentence.text for sentence in first.sentences] == [
        "国家安全是民族复兴的根基，社会稳定是国家强盛的前提。",
        PARAGRAPHS[0].removeprefix("国家安全是民族复兴的根基，社会稳定是国家强盛的前提。"),
    ]


def test_sample_explain_lists_repairs(sample_text: str) -> None:
    changes = normalize(sample_text).changes
    rules = {change.rule for change in changes}
    assert {"join-lines", "doubled-characters", "repeated-line", "layout"} <= rules
    doubled = [c for c in changes if c.rule == "doubled-characters"]
    assert any(
        c.before == "（（九九））" and c.after == "（九）" and c.line == 282 for c in doubled
    )
