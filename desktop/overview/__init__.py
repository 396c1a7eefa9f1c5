"""The overview (总览): this morning's figures, the four-colour battle map (作战图), the daily
report (日报) and the charts. Every figure is one function here taking "today" or "now", so
the Today page, the printed report and the street office's template never disagree; ui/ only
draws what these return."""
