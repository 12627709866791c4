"""The built-in templates of seeds/004 plus the communication log, as frozen migration data."""

INDUSTRIES = ["信息技术", "制造业", "批发零售", "金融", "教育", "医疗健康", "房地产", "物流运输",
              "餐饮酒店", "专业服务", "政府机构", "其他"]
LEVELS = ["A 重点", "B 重要", "C 普通", "D 一般"]
SOURCES = ["老客户介绍", "展会", "官网", "电话营销", "广告", "社交媒体", "合作伙伴", "其他"]
SERVICE_TYPES = ["技术支持", "咨询解答", "故障排除", "投诉", "售后"]
CHANNELS = ["电话", "邮件", "会议", "拜访", "微信"]

# (key, label, English label, type, required, options, rules, system, sensitive)
TEMPLATES = {
    "customer": ("客户基本信息表", [
        ("name", "姓名/名称", "Name", "text", True, [], {"max_length": 200}, True, False),
        ("company", "公司名称", "Company", "text", False, [], {"max_length": 200}, True, False),
        ("title", "职位", "Title", "text", False, [], {"max_length": 100}, True, False),
        ("email", "邮箱", "E-mail", "email", False, [], {}, True, False),
        ("phone", "电话", "Phone", "phone", False, [], {}, True, False),
        ("address", "地址", "Address", "text", False, [], {"max_length": 200}, True, False),
        ("province", "省份", "Province", "text", False, [], {"max_length": 32}, True, False),
        ("city", "城市", "City", "text", False, [], {"max_length": 32}, True, False),
        ("district", "区县", "District", "text", False, [], {"max_length": 32}, True, False),
        ("industry", "行业", "Industry", "choice", False, INDUSTRIES, {}, True, False),
        ("level", "客户等级", "Level", "choice", False, LEVELS, {}, True, False),
        ("source", "来源", "Source", "choice", False, SOURCES, {}, True, False),
        ("birthday", "生日", "Birthday", "date", False, [], {}, True, False),
        ("credit_code", "统一社会信用代码", "Unified social credit code", "credit_code", False,
         [], {}, False, False),
        ("id_number", "身份证号", "Resident ID number", "cn_resident_id", False, [], {}, False,
         True),
        ("website", "网址", "Website", "url", False, [], {}, False, False),
        ("notes", "备注", "Notes", "long_text", False, [], {}, False, False),
    ]),
    "opportunity": ("销售机会追踪表", [
        ("project", "项目名称", "Project", "text", True, [], {"max_length": 200}, True, False),
        ("amount", "预期成交额", "Expected amount", "money", False, [], {"min": "0"}, True, False),
        ("expected_close", "预计完成时间", "Expected close", "date", False, [], {}, True, False),
        ("probability", "成交概率 (%)", "Probability (%)", "integer", False, [],
         {"min": 0, "max": 100}, True, False),
        ("notes", "备注", "Notes", "long_text", False, [], {}, True, False),
    ]),
    "service_record": ("客户服务记录表", [
        ("service_date", "日期", "Date", "date", True, [], {}, True, False),
        ("service_type", "服务类型", "Type", "choice", True, SERVICE_TYPES, {}, True, False),
        ("result", "处理结果", "Result", "text", False, [], {"max_length": 500}, True, False),
        ("satisfaction", "满意度评分", "Satisfaction", "integer", False, [],
         {"min": 1, "max": 5}, True, False),
        ("notes", "备注", "Notes", "long_text", False, [], {}, True, False),
    ]),
    "interaction": ("沟通记录表", [
        ("channel", "沟通方式", "Channel", "choice", True, CHANNELS, {}, True, False),
        ("occurred_at", "时间", "Time", "datetime", True, [], {}, True, False),
        ("summary", "沟通内容", "Summary", "long_text", True, [], {}, True, False),
        ("next_follow_up", "下次跟进日期", "Next follow-up", "date", False, [], {}, True, False),
    ]),
}
