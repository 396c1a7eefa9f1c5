"""Canvass rounds (滚动摸排): door-to-door checks of every household, their results, progress,
fast entry from the printed sheet, and the next steps an answer that matters offers."""
