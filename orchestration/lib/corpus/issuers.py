"""Fictional issuers drawn per seed, so the fuzzed corpus never repeats the sample corpus' four names.

Names are put together from invented parts; codes follow the real board ranges (60xxxx/688xxx on
SSE, 00xxxx/30xxxx on SZSE) so exchange detection can be tested, and none is meant to be real.
"""

from __future__ import annotations

import random

from orchestration.lib.corpus.companies import Company, HardwareItem

_CITIES = ("上海", "深圳", "杭州", "南京", "成都", "武汉", "苏州", "合肥", "西安", "广州", "厦门", "长沙", "天津", "青岛")
_BRANDS = (
    "瀚海", "云帆", "泰和", "启明", "鼎信", "华域", "天衡", "恒岳", "博远", "澜舟",
    "银川", "星耀", "凌峰", "金桥", "远景", "润泽", "朗坤", "卓越", "明道", "安澜",
)  # fmt: skip
_TRADES = (
    ("信息技术", "信息"),
    ("数据科技", "数据"),
    ("智能科技", "智能"),
    ("电子科技", "电子"),
    ("通信技术", "通信"),
    ("网络科技", "网络"),
)
_BOARDS = ("600", "601", "603", "605", "688", "000", "001", "002", "003", "300", "301")
_FIRM_WORDS = ("东方", "中原", "海通", "长江", "华泰", "国信", "南方", "北方", "兴业", "广发")
_PROJECT_REGIONS = ("华东", "华南", "西部", "长三角", "京津冀", "粤港澳", "中部", "西南")
_SEGMENTS = ("算力服务业务", "云计算服务", "IDC服务", "智慧城市业务", "软件开发", "系统集成业务", "数据中心运维")
_AI_SERVERS = ("AI训练服务器", "GPU算力服务器", "高性能AI服务器", "智算一体机", "AI推理服务器")
_EQUIPMENT = (
    HardwareItem("通用服务器", "台", (6.0, 12.0), (10, 40)),
    HardwareItem("分布式存储服务器", "台", (150.0, 260.0), (1, 4)),
    HardwareItem("高速网络交换机", "台", (15.0, 25.0), (20, 90)),
    HardwareItem("400G光模块", "个", (0.3, 0.8), (900, 2400)),
    HardwareItem("安全防护系统", "套", (30.0, 90.0), (1, 5)),
)


def draw_issuer(rng: random.Random) -> Company:
    city, brand = rng.choice(_CITIES), rng.choice(_BRANDS)
    trade, trade_short = rng.choice(_TRADES)
    board = rng.choice(_BOARDS)
    code = board + "".join(str(rng.randint(0, 9)) for _ in range(6 - len(board)))
    sponsor_word, auditor_word = rng.sample(_FIRM_WORDS, 2)
    segments = tuple(rng.sample(_SEGMENTS, rng.randint(2, 3)))
    server = HardwareItem(rng.choice(_AI_SERVERS), "台", (150.0, 240.0), (120, 360))
    return Company(
        key=f"fz{code}",
        name=f"{city}{brand}{trade}股份有限公司",
        short_name=f"{brand}{trade_short}",
        stock_code=code,
        exchange="SSE" if board.startswith("6") else "SZSE",
        sponsor=f"{sponsor_word}证券股份有限公司",
        auditor=f"{auditor_word}华信会计师事务所(特殊普通合伙)",
        project=f"{rng.choice(_PROJECT_REGIONS)}智算中心建设项目",
        segments=segments,
        hardware=(server, *rng.sample(_EQUIPMENT, rng.randint(2, 4))),
    )
