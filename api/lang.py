"""The `lang` query parameter of the API and the views: `zh` (default) or `en` (visualizations.lang).

Why one definition: every endpoint that answers concepts or names takes it, with the same values,
default and description, so OpenAPI documents it once and an invalid value is the same 422 naming it.
"""

from __future__ import annotations

from typing import Literal

from fastapi import Query

Lang = Literal["zh", "en"]
LangQuery = Query(
    "zh",
    description="`en`: concepts also carry `labelEn` (their SKOS prefLabel@en) and organisations, people and "
    "places `pinyin` of their name; the Chinese fields stay as they are",
)
