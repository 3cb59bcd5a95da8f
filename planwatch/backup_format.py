"""The backup's JSON: Django's, except that times keep their microseconds.

DjangoJSONEncoder cuts datetimes to milliseconds, as ECMA-262 dates are; a backup must restore
them exactly. Django's own JSON deserializer reads the longer form, so loaddata needs nothing.
"""

import datetime

from django.core.serializers import json as django_json

FORMAT = "planwatch-json"


class ExactJSONEncoder(django_json.DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactJSONEncoder


Deserializer = django_json.Deserializer
