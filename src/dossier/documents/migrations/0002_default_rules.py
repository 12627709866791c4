"""Classification rules a new installation starts with: the words Chinese and English users
put in the names and texts of their files. Admins change or remove them."""

from django.db import migrations

# (name, pattern, where, regex, doctype)
RULES = [
    ("合同 (file name)", r"合同|协议|contract|agreement", "filename", True, "contract"),
    ("报价 (file name)", r"报价|quotation|quote", "filename", True, "quote"),
    ("发票 (file name)", r"发票|invoice|fapiao", "filename", True, "invoice"),
    ("纪要 (file name)", r"纪要|会议记录|minutes", "filename", True, "minutes"),
    ("反馈 (file name)", r"反馈|投诉|feedback|complaint", "filename", True, "feedback"),
    ("e-mail (file name)", r"\.(eml|msg)$", "filename", True, "email"),
    ("资料 (file name)", r"资料|手册|介绍|白皮书|brochure|manual|datasheet", "filename", True, "material"),
    ("合同 (text)", r"甲方.{0,200}乙方", "content", True, "contract"),
    ("发票 (text)", r"价税合计|发票代码|发票号码", "content", True, "invoice"),
    ("纪要 (text)", r"参会人员|与会人员|会议时间", "content", True, "minutes"),
    ("报价 (text)", r"报价单|报价有效期|单价", "content", True, "quote"),
]


def add_rules(apps, schema_editor):
    Rule = apps.get_model("documents", "ClassificationRule")
    for position, (name, pattern, where, regex, doctype) in enumerate(RULES, start=1):
        Rule.objects.create(
            name=name, pattern=pattern, where=where, regex=regex, doctype=doctype, position=position
        )


def remove_rules(apps, schema_editor):
    apps.get_model("documents", "ClassificationRule").objects.filter(
        name__in=[rule[0] for rule in RULES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]
    operations = [migrations.RunPython(add_rules, remove_rules)]
