"""The breach-category catalogue: fixed identifiers, labels the council may edit."""

from __future__ import annotations

from .text import control_characters

DEFAULT_CATEGORIES: dict[str, str] = {
    "abusive": "Abusive, threatening, bullying or harassing",
    "discriminatory": "Discriminatory or derogatory (protected characteristics)",
    "defamatory": "Defamatory or false",
    "obscene": "Obscene or pornographic",
    "confidential": "Confidential or exempt information disclosed",
    "personal_data": "Personal data disclosed",
    "copyright": "Copyright or intellectual property",
    "logo_misuse": "Council logo or branding misused",
    "committing_council": "Committing the council outside its decisions",
    "casework": "Posting about casework",
    "political": "Party-political on a council account or in the pre-election period",
    "disrepute": "Bringing the council into disrepute",
    "safeguarding": "Safeguarding concern",
    "unlawful": "Inciting or supporting unlawful acts",
    "unauthorised_posting": "Unauthorised posting on a council account",
    "other": "Other",
}


def check_catalogue(catalogue: object, where: str = "categories") -> dict[str, str]:
    """Validate an edited catalogue: every fixed identifier present, each with a label."""
    if not isinstance(catalogue, dict):
        raise ValueError(f"{where}: expected an object of identifier to label")
    unknown = sorted(set(catalogue) - set(DEFAULT_CATEGORIES))
    if unknown:
        raise ValueError(f"{where}.{unknown[0]}: not a category identifier")
    out = dict(DEFAULT_CATEGORIES)
    for key, label in catalogue.items():
        if not isinstance(label, str) or not label.strip():
            raise ValueError(f"{where}.{key}: the label must be text")
        if len(label) > 200 or "\n" in label or control_characters(label):
            raise ValueError(f"{where}.{key}: the label must be one line of text, no controls")
        out[key] = label.strip()
    return out
