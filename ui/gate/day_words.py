"""The gate's day in the window's language: what was done at a fever, a passage let through
after one, and the shift handover note (交接班小结) to read out or paste into the chat group.
desktop.gate.day gives the facts (DaySummary, gates_covered); ui words them here, once for the
day view's side pane and the handover dialog: in English the note was Chinese only. The Chinese
is the words the note always had (the guide and the chat groups quote them)."""
from functools import reduce

from PySide6.QtCore import QCoreApplication

from desktop.gate import log as gate_log
from desktop.gate.day import DaySummary
from desktop.gate.plates import format_plate
from desktop.gate.records import LogEntry
from desktop.masking import mask_text

# The side pane's words keep the day view's context (and their translations); the note's are DayWords.
translate = QCoreApplication.translate


def fill(text: str, *values) -> str:
    """``text`` (translated) with %1, %2 … replaced by ``values``, in order."""
    return reduce(lambda said, n: said.replace(f"%{n + 1}", str(values[n])), range(len(values)), text)


def done(outcome: str) -> str:
    """What was done at a fever, whole (the English pane said 劝返)."""
    return {"allowed": translate("DayView", "Allowed"), "turned_back": translate("DayView", "Turned back"),
            "referred": translate("DayView", "Sent to the fever clinic")}.get(
        outcome, translate("DayView", "Outcome not recorded"))


def whose_fever(whose: str, today: bool = True) -> str:
    """desktop.gate.log._whose's words (本户出入证, 本户车辆 鄂A…, 本户李梅, 本户) with
    今日发热, or 发热 alone for another day's (its day is said beside its time)."""
    car = whose.startswith("本户车辆 ")
    name = whose[len("本户车辆 "):] if car else whose[len("本户"):]
    kind = ("pass" if whose == "本户出入证" else "car" if car else "household" if whose == "本户"
            else "member" if whose else "")
    words = {"": (translate("DayView", "a fever today"), translate("DayView", "a fever")),
             "pass": (translate("DayView", "the household pass's fever today"),
                      translate("DayView", "the household pass's fever")),
             "car": (translate("DayView", "the household car %1's fever today"),
                     translate("DayView", "the household car %1's fever")),
             "household": (translate("DayView", "the household's fever today"),
                           translate("DayView", "the household's fever")),
             "member": (translate("DayView", "household member %1's fever today"),
                        translate("DayView", "household member %1's fever"))}
    return words[kind][0 if today else 1].replace("%1", name)


def _fever_time(at: str, day: tuple[int, int] | None) -> str:
    """HH:MM, with its day when the fever was another day's (12月7日23:50, 12/7 23:50)."""
    return fill(translate("DayView", "%1/%2 %3"), day[0], day[1], at) if day else at


def after_fever(e: LogEntry) -> str:
    """A passage let through after a fever (DaySummary.after_fever): '08:12 李梅 出 今日发热（08:00
    37.8°C）后放行', '08:12 李梅 out after a fever today (08:00 37.8°C): Allowed'. A visitor's names
    the household visited: the household the next shift must tell. A note a correction changed no
    longer says the fever: the row's after_fever_at still gives its time (今日发热（08:00）后放行),
    which 发热后放行 alone left the next shift to look up."""
    visit = gate_log.visit_of(e)
    who = gate_log.passage_name(e) + (f"（{visit}）" if visit else "")
    way = translate("DayView", "in") if e.direction == "in" else translate("DayView", "out")
    said = gate_log.after_fever_parts(e.note)
    if said is not None:
        whose, day, at, temperature, outcome = said
        when = f"{_fever_time(at, day)} {temperature:.1f}°C"
    elif e.after_fever_at:              # the note no longer says the fever (the row does)
        whose, outcome, fever_day = "", e.outcome, e.after_fever_at[:10]
        day = None if fever_day == e.at[:10] else (int(fever_day[5:7]), int(fever_day[8:10]))
        when = _fever_time(e.after_fever_at[11:16], day)
    else:                               # a row of an older version whose note was corrected: no time
        return fill(translate("DayView", "%1 %2 %3 after a fever: %4"), e.at[11:16], who, way, done(e.outcome))
    return fill(translate("DayView", "%1 %2 %3 after %4 (%5): %6"), e.at[11:16], who, way,
                whose_fever(whose, today=day is None), when, done(outcome))


def fever(e: LogEntry) -> str:
    """A fever in the handover note: '08:00 李梅 37.8°C 放行'; a visitor's with the household visited."""
    visit = gate_log.visit_of(e)
    who = gate_log.passage_name(e) + (f"（{visit}）" if visit else "")
    return f"{e.at[11:16]} {who} {e.temperature:.1f}°C {done(e.outcome)}"


def gates_words(names: tuple[str, ...], count: int) -> str:
    """desktop.gate.day.gates_covered said: the gate's name, 全部卡口（幸福里东门、幸福里西门）,
    All checkpoints (幸福里东门, 幸福里西门), 全部14个卡口, All 14 checkpoints."""
    if count == 1:
        return names[0]
    if not names and count:
        return fill(translate("DayWords", "All %1 checkpoints"), count)
    if not names:
        return translate("DayWords", "All checkpoints")
    return fill(translate("DayWords", "All checkpoints (%1)"), translate("DayWords", ", ").join(names))


def handover_text(s: DaySummary, gates: str = "", whole: str = "") -> str:
    """The shift handover note, plain text to read out or copy into a chat; a number typed into
    a reason or a visitor's name is masked there (desktop.masking), as on public paper. A visitor
    still inside who came by car is listed with the plate: the next shift looks for the car too.
    ``gates``: gates_words. ``whole`` (全社区/全村, whole community) for one gate's note: who is out
    and the visitors inside are counted at every gate (back by any gate), said so as the day
    log's side list."""
    names = translate("DayWords", ", ")             # 、 between names
    scope = fill(translate("DayWords", " (%1)"), whole) if whole else ""
    heading = fill(translate("DayWords", "Shift handover %1 %2 to %3"), gates,
                   s.since[:16].replace("T", " "), s.until[11:16])
    lines = [heading.replace("  ", " "),            # no gate's name: one space
             fill(translate("DayWords", "Let in %1, let out %2; turned back %3, sent to the fever clinic %4;"
                                        " corrections: %5."),
                  s.went_in, s.went_out, s.turned_back, s.referred, s.corrections)]
    if s.fevers or s.after_fever:
        happened = sorted(s.fevers + s.after_fever, key=lambda e: (e.at, e.id))
        lines.append(fill(translate("DayWords", "Fevers: %1"), translate("DayWords", "; ").join(
            fever(e) if e.fever else after_fever(e) for e in happened)))
    if s.overrides:
        lines.append(fill(translate("DayWords", "Isolated or under observation, let out by exception: %1"),
                          translate("DayWords", "; ").join(
                              fill(translate("DayWords", "%1 %2 (%3)"), e.at[11:16], gate_log.passage_name(e),
                                   e.override_reason) for e in s.overrides)))
    if s.out_not_back:
        newest = sorted(s.out_not_back, key=lambda e: (e.at, e.id), reverse=True)[:30]
        named = names.join(fill(translate("DayWords", "%1 (out %2)"), gate_log.passage_name(e),
                                e.at[5:16].replace("T", " ")) for e in newest)
        lines.append(fill(translate("DayWords", "Out and not back%1 (%2): %3"), scope, s.out_not_back_count,
                          fill(translate("DayWords", "%1 and more"), named) if s.out_not_back_count > 30 else named))
    if s.visitors_inside:
        # Whom each came to see (访：3栋2单元501), as the fever lines say: the household to ask.
        def seen(e) -> str:
            said = [x for x in (fill(translate("DayWords", "%1 in"), e.at[11:16]), gate_log.visit_of(e),
                                e.plate and fill(translate("DayWords", "plate %1"), format_plate(e.plate))) if x]
            return fill(translate("DayWords", "%1 (%2)"), gate_log.passage_name(e),
                        reduce(lambda a, b: fill(translate("DayWords", "%1, %2"), a, b), said))
        lines.append(fill(translate("DayWords", "Visitors still inside%1 (%2): %3"), scope,
                          s.visitors_inside_count, names.join(seen(e) for e in s.visitors_inside)))
    return mask_text("\n".join(lines))
