from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, HttpUrl


class ProjectOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    slug: str
    name: str
    source_locale: str
    target_locales: list[str]
    string_count: int | None = None


class SettingsPatch(BaseModel):
    mt_enabled: bool | None = None
    ci_trigger_url: HttpUrl | None = None

    def changes(self) -> dict:
        return self.model_dump(mode="json", exclude_none=True)


class ReviewIn(BaseModel):
    state: str


class SuggestAllIn(BaseModel):
    string_ids: list[int] = Field(min_length=1)


class StringOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    key: str
    context: str
    text: str
    translation: str | None = None
    status: str | None = None


class ExportRequest(BaseModel):
    format: str = Field(pattern=r"^json$")
    locales: list[str] | None = None


class WebhookIn(BaseModel):
    url: HttpUrl
    events: list[str] = Field(default_factory=lambda: ["release.published"])


class ImportOut(BaseModel):
    format: str
    received: int
    added: int
    updated: int
    translations: int
