"""The city's 五个中心: the goals every commitment may serve (table in the sources' README)."""

from django.db import migrations

GOALS = [
    ("economy", "全国经济中心", "National Economic Centre",
     ["产业", "制造业", "市场主体", "营商环境", "实体经济", "民营经济"]),
    ("innovation", "国家科技创新中心", "National Science & Technology Innovation Centre",
     ["科技", "创新", "人才", "知识产权", "研发", "高新技术"]),
    ("trade-logistics", "国家商贸物流中心", "National Commerce & Logistics Centre",
     ["物流", "商贸", "消费", "电子商务", "交通枢纽", "会展"]),
    ("international", "国际交往中心", "International Exchange Centre",
     ["国际", "开放", "友城", "外资", "对外交流"]),
    ("finance", "区域金融中心", "Regional Financial Centre",
     ["金融", "保险", "上市", "资本", "基金"]),
]


def create_goals(apps, schema_editor):
    Goal = apps.get_model("commitments", "Goal")
    for order, (slug, name, name_en, keywords) in enumerate(GOALS, start=1):
        Goal.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "name_en": name_en, "keywords": keywords, "order": order},
        )


def delete_goals(apps, schema_editor):
    apps.get_model("commitments", "Goal").objects.filter(slug__in=[g[0] for g in GOALS]).delete()


class Migration(migrations.Migration):
    dependencies = [("commitments", "0001_initial")]

    operations = [migrations.RunPython(create_goals, delete_goals)]
