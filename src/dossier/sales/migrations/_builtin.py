"""Frozen data for the default pipeline: (code, name, English name, probability, won, lost)."""

STAGES = [
    ("contact", "初步接触", "First contact", 10, False, False),
    ("needs", "需求分析", "Needs analysis", 25, False, False),
    ("proposal", "方案制定", "Proposal", 50, False, False),
    ("negotiation", "谈判", "Negotiation", 75, False, False),
    ("won", "赢单", "Won", 100, True, False),
    ("lost", "输单", "Lost", 0, False, True),
]
