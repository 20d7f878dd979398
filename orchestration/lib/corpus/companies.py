"""Fictional issuers, their intermediaries and their compute-center projects.

Every name here is invented; stock codes only follow the real board ranges
(60xxxx/688xxx on SSE, 00xxxx/30xxxx on SZSE) so that exchange detection can be tested.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

EXCHANGE_NAMES = {"SSE": "上海证券交易所", "SZSE": "深圳证券交易所"}


@dataclass(frozen=True)
class HardwareItem:
    name: str
    unit: str  # printed beside the quantity: 台, 套, 个
    price_range: tuple[float, float]  # 万元 per unit
    quantity_range: tuple[int, int]


@dataclass(frozen=True)
class Company:
    key: str  # file-name stem prefix
    name: str
    short_name: str
    stock_code: str
    exchange: str  # "SSE" | "SZSE"
    sponsor: str
    auditor: str
    project: str
    segments: tuple[str, ...]  # the compute segment first
    hardware: tuple[HardwareItem, ...]  # the first item is the rented-out AI server

    @property
    def exchange_name(self) -> str:
        return EXCHANGE_NAMES[self.exchange]


# The reporting period every reply discusses, and the balance dates that close it.
FISCAL_YEARS = (2023, 2024)
YEAR_TO_DATE = (2025, 1, 9)
BALANCE_DATES = (date(2023, 12, 31), date(2024, 12, 31), date(2025, 9, 30))

_SERVER_LINE = (
    HardwareItem("通用服务器", "台", (6.0, 12.0), (10, 40)),
    HardwareItem("分布式存储服务器", "台", (150.0, 260.0), (1, 4)),
    HardwareItem("高速网络交换机", "台", (15.0, 25.0), (20, 90)),
    HardwareItem("400G光模块", "个", (0.3, 0.8), (900, 2400)),
    HardwareItem("安全防护系统", "套", (30.0, 90.0), (1, 5)),
)

COMPANIES = (
    Company(
        key="huaxin",
        name="上海华芯算力科技股份有限公司",
        short_name="华芯算力",
        stock_code="603917",
        exchange="SSE",
        sponsor="东岳证券股份有限公司",
        auditor="明衡会计师事务所(特殊普通合伙)",
        project="华东智算中心建设项目",
        segments=("算力服务业务", "智慧园区业务", "其他业务"),
        hardware=(HardwareItem("AI训练服务器", "台", (210.0, 240.0), (200, 320)), *_SERVER_LINE),
    ),
    Company(
        key="lanjing",
        name="杭州蓝鲸数智科技股份有限公司",
        short_name="蓝鲸数智",
        stock_code="301526",
        exchange="SZSE",
        sponsor="南岭证券股份有限公司",
        auditor="信衡会计师事务所(特殊普通合伙)",
        project="渲染一体化智算平台项目",
        segments=("算力租赁业务", "云计算服务", "IDC服务"),
        hardware=(HardwareItem("高性能AI服务器", "台", (120.0, 160.0), (300, 420)), *_SERVER_LINE[:4]),
    ),
    Company(
        key="qiyun",
        name="成都启云信息技术股份有限公司",
        short_name="启云信息",
        stock_code="002871",
        exchange="SZSE",
        sponsor="西江证券股份有限公司",
        auditor="同瑞会计师事务所(特殊普通合伙)",
        project="西部智算集群建设及运营项目",
        segments=("算力服务业务", "智慧城市业务"),
        hardware=(HardwareItem("智算一体机", "台", (180.0, 220.0), (150, 260)), *_SERVER_LINE[1:]),
    ),
    Company(
        key="xingchen",
        name="北京星辰智联科技股份有限公司",
        short_name="星辰智联",
        stock_code="688352",
        exchange="SSE",
        sponsor="北辰证券股份有限公司",
        auditor="致衡会计师事务所(特殊普通合伙)",
        project="星辰AI训练算力平台项目",
        segments=("算力服务业务", "数据中心运维", "软件开发"),
        hardware=(HardwareItem("GPU训练服务器", "台", (190.0, 235.0), (120, 220)), *_SERVER_LINE[:3]),
    ),
)

COMPANY_BY_KEY = {company.key: company for company in COMPANIES}
