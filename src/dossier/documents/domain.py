"""Pure rules of customer files: document types, the default folder tree, where a type goes."""

from __future__ import annotations

import re
import unicodedata

# code: (Chinese name, English name, the default folder it is filed in)
DOCTYPES: dict[str, tuple[str, str, str]] = {
    "contract": ("合同", "Contract", "合同"),
    "quote": ("报价单", "Quote", "报价单"),
    "invoice": ("发票", "Invoice", "发票"),
    "email": ("邮件", "E-mail", "沟通记录"),
    "minutes": ("会议纪要", "Meeting minutes", "会议纪要"),
    "feedback": ("客户反馈", "Customer feedback", "客户反馈"),
    "material": ("资料", "Material", "销售资料"),
    "other": ("其他", "Other", "客户信息"),
}
DEFAULT_FOLDERS = (
    "客户信息",
    "沟通记录",
    "销售资料",
    "合同",
    "报价单",
    "发票",
    "会议纪要",
    "客户反馈",
)
MAX_FOLDER_DEPTH = 6
PREVIEWABLE = ("application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp")
TEXT_PREVIEW = ("text/plain", "text/csv", "message/rfc822")
_BAD_FOLDER_CHARACTERS = re.compile(r"[/\\<>:\"|?*\x00-\x1f\x7f]")


def doctype_of(raw: str) -> str | None:
    """The code of a document type given by code, Chinese or English name; None if unknown."""
    wanted = unicodedata.normalize("NFKC", raw).strip().casefold()
    for code, (chinese, english, _folder) in DOCTYPES.items():
        if wanted in (code, chinese.casefold(), english.casefold()):
            return code
    return None


def folder_for_doctype(doctype: str) -> str:
    return DOCTYPES.get(doctype, DOCTYPES["other"])[2]


def clean_folder_name(raw: str) -> str:
    """A folder name as stored, or ValueError saying what is wrong with it."""
    name = " ".join(unicodedata.normalize("NFKC", raw).split())
    if not name or name in {".", ".."}:
        raise ValueError("a folder needs a name")
    if _BAD_FOLDER_CHARACTERS.search(name):
        raise ValueError('a folder name cannot contain / \\ < > : " | ? * or control characters')
    if len(name) > 100:
        raise ValueError("a folder name has at most 100 characters")
    return name


def split_path(path: str) -> list[str]:
    """`合同/2024` → ["合同", "2024"]; each part cleaned."""
    return [clean_folder_name(part) for part in re.split(r"[/\\]+", path.strip("/\\ ")) if part]


def previewable(media_type: str) -> str | None:
    """How a file is shown inline: "embed" (PDF, images), "text", or None (download only)."""
    if media_type in PREVIEWABLE:
        return "image" if media_type.startswith("image/") else "pdf"
    if media_type in TEXT_PREVIEW or media_type.startswith("text/"):
        return "text"
    return None
