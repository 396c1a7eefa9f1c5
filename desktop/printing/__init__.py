"""Paper (打印): notices and forms as PDF with embedded Chinese fonts, drawn with reportlab.

One module per concept: ``fonts`` (the bundled faces), ``layout`` (Chinese line breaking),
``pages`` (page templates, page numbers, atomic writing), ``tables`` (tables that split across
pages), ``qr`` (a QR code as one vector path), ``records`` (what forms are drawn from), and one
module per form. ``catalogue`` names every form for the window and ``menshen print``.
"""
